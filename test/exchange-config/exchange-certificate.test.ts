import { certificateLabel, enabledForSmtp, isExpired, toExchangeCertificate } from '../../src/exchange-config/exchange-certificate';
import { parseFormatList, propertyMap } from '../../src/exchange-config/format-list';
import type { ExchangeCertificate } from '../../src/exchange-config/types';
import { certificate, fl, NOW, OLD_TP, oldCertificate, selfSigned } from './helpers/format-list';

function read(fields: Record<string, string>): ExchangeCertificate | undefined {
  return toExchangeCertificate(propertyMap(parseFormatList(fl(fields)).blocks[0]), {});
}

describe('toExchangeCertificate', () => {
  it('reads a renewed wildcard certificate', () => {
    const cert = read(certificate());
    expect(cert).toMatchObject({
      subject: 'CN=*.contoso.com, O=Contoso Ltd, L=Redmond, S=Washington, C=US',
      services: ['IIS', 'SMTP'],
      servicesKnown: true,
      selfSigned: false,
      hasPrivateKey: true,
      status: 'Valid',
    });
    expect(cert?.domains.items).toEqual(['*.contoso.com', 'contoso.com']);
    expect(cert && enabledForSmtp(cert)).toBe(true);
    expect(cert && isExpired(cert, NOW)).toBe(false);
  });

  it('upper-cases the thumbprint and rejects one that is not 40 hex digits', () => {
    expect(read(certificate({ Thumbprint: OLD_TP.toLowerCase() }))?.thumbprint).toBe(OLD_TP);
    expect(read(certificate({ Thumbprint: 'not a thumbprint' }))).toBeUndefined();
  });

  it('takes a certificate whose Issuer is its Subject as self-signed when IsSelfSigned is not pasted', () => {
    const { IsSelfSigned: _dropped, ...rest } = selfSigned();
    expect(read(rest)?.selfSigned).toBe(true);
  });

  it('lets Status DateInvalid settle an ambiguous NotAfter', () => {
    const old = read(oldCertificate());
    expect(old?.notAfter).toHaveLength(2);
    expect(old && isExpired(old, NOW)).toBe(true);
    const valid = read(oldCertificate({ Status: 'Valid' }));
    expect(valid && isExpired(valid, NOW)).toBe(false);
    const unknown = read(oldCertificate({ Status: '' }));
    expect(unknown && isExpired(unknown, NOW)).toBe(true);
  });

  it('names a certificate by Subject and thumbprint', () => {
    const cert = read(selfSigned());
    expect(cert && certificateLabel(cert)).toBe('CN=SRVEX01 (thumbprint B5D7F9A1C3E5A7B9D1F3A5C7E9B1D3F5A7C9E1B3)');
    expect(read(certificate({ Services: 'None' }))?.services).toEqual([]);
  });
});
