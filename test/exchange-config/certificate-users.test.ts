import { certificateUses, identitiesOf, portsOf, usersText } from '../../src/exchange-config/certificate-users';
import { certificate, frontend, hybridSend, NEW_TP, NOW, parse, relay, SELF_TP, selfSigned } from './helpers/format-list';

describe('certificateUses', () => {
  it('maps each certificate to the Internet-facing connectors that present it', () => {
    const config = parse(
      frontend(),
      relay(),
      frontend({ Identity: 'SRVEX01\\Partners SRVEX01', TlsCertificateName: '', Fqdn: 'SRVEX01.contoso.local', RemoteIPRanges: '{203.0.113.0/24}' }),
      hybridSend(),
      certificate(),
      selfSigned(),
    );
    const uses = certificateUses(config, NOW);
    const wildcard = uses.get(NEW_TP)?.users ?? [];
    expect(wildcard.map(usersText)).toEqual([
      'Presented by receive connector "SRVEX01\\Default Frontend SRVEX01" (named in its TlsCertificateName)',
      'Presented by send connector "Outbound to Office 365 - 8f2c5e1a-4b7d-4e09-a3c6-1d5f7b9e2a40" (named in its TlsCertificateName)',
    ]);
    expect(portsOf(wildcard)).toEqual([25]);
    expect(identitiesOf(uses.get(SELF_TP)?.users ?? [])).toEqual(['SRVEX01\\Partners SRVEX01']);
    expect(uses.get(SELF_TP)?.users[0].by).toBe('fqdn');
  });
});
