import {
  certificatesSentToExchangeOnline,
  certificatesServedToExchangeOnline,
  senderNameMatches,
} from '../../src/exchange-config/on-premises-certificates';
import { certificate, ctx, DEFAULT_FRONTEND_EHLO, frontend, hybridSend, parse, portReport, report, selfSigned, servedCertificate } from './helpers/format-list';

describe('certificates Exchange Online sees', () => {
  it('on the way in: the one the hybrid send connector names', () => {
    const seen = certificatesSentToExchangeOnline(ctx(parse(hybridSend(), certificate(), selfSigned())));
    expect(seen.map((s) => [s.source, s.names])).toEqual([['named by send connector "Outbound to Office 365 - 8f2c5e1a-4b7d-4e09-a3c6-1d5f7b9e2a40"', ['*.contoso.com', 'contoso.com']]]);
  });

  it('on the way in without certificates: only the CN of the TlsCertificateName, marked partial', () => {
    const seen = certificatesSentToExchangeOnline(ctx(parse(hybridSend())));
    expect(seen).toEqual([expect.objectContaining({ names: ['*.contoso.com'], partial: true })]);
  });

  it('on the way out: what the probe saw on port 25 wins over the configuration', () => {
    const probe = report([portReport(25, DEFAULT_FRONTEND_EHLO, servedCertificate({ subject: 'CN=mx.contoso.com', san: ['mx.contoso.com'] }))]);
    const seen = certificatesServedToExchangeOnline(ctx(parse(frontend(), certificate()), probe));
    expect(seen.map((s) => [s.source, s.names])).toEqual([['served on port 25 to the probe', ['mx.contoso.com']]]);
    const fromConfig = certificatesServedToExchangeOnline(ctx(parse(frontend(), certificate())));
    expect(fromConfig.map((s) => s.source)).toEqual(['presented by receive connector "SRVEX01\\Default Frontend SRVEX01"']);
  });
});

describe('senderNameMatches', () => {
  it.each([
    ['mail.contoso.com', 'mail.contoso.com', true],
    ['*.contoso.com', '*.contoso.com', true],
    ['*.contoso.com', 'mail.contoso.com', true],
    ['mail.contoso.com', '*.contoso.com', true],
    ['mail.contoso.com', 'contoso.com', false],
    ['mail.fabrikam.com', '*.contoso.com', false],
  ])('TlsSenderCertificateName %s and certificate name %s: %s', (value, name, expected) => {
    expect(senderNameMatches(value, name)).toBe(expected);
  });
});
