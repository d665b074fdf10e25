import { certNameMismatch } from '../../../src/diagnosis/rules/cert-name-mismatch';
import { certificateReport } from '../../fixtures/transcripts/certificates';
import { referenceThreadPort587 } from '../../fixtures/transcripts/exchange';
import { diagnosisInput } from '../../fixtures/transcripts/input';

describe('cert-name-mismatch', () => {
  const other = certificateReport({
    subject: 'CN=mail.fabrikam.com',
    san: ['mail.fabrikam.com', 'autodiscover.fabrikam.com'],
    nameMatch: false,
    expectedNames: [
      { name: 'mail.contoso.test', matches: false },
      { name: 'smtp.contoso.test', matches: false },
      { name: 'mail.fabrikam.com', matches: true },
    ],
  });
  const [finding] = certNameMismatch(diagnosisInput([[referenceThreadPort587(), other]], { host: 'mail.contoso.test' }));

  it('names the host and each expected name that fails', () => {
    expect(finding).toMatchObject({ id: 'cert-name-mismatch', severity: 'critical', ports: [587] });
    expect(finding.title).toBe('The certificate on port 587 does not cover mail.contoso.test, smtp.contoso.test');
    expect(finding.evidence).toEqual([
      "port 587: the certificate's names are mail.fabrikam.com, autodiscover.fabrikam.com",
      'port 587: mail.contoso.test is not among them (the host probed)',
      'port 587: smtp.contoso.test is not among them (an expected name)',
    ]);
  });

  it('gives Exchange connector Fqdn and hybrid steps', () => {
    const exchange = finding.remediation[0];
    expect(exchange.platform).toBe('exchange-onprem');
    expect(exchange.steps.join(' ')).toContain('SubjectMismatch');
    expect(exchange.commands).toContain('Set-ReceiveConnector "<SRV>\\Default Frontend <SRV>" -Fqdn mail.contoso.test');
  });

  it('stays quiet when every name matches', () => {
    expect(certNameMismatch(diagnosisInput([[referenceThreadPort587(), certificateReport()]]))).toEqual([]);
  });
});
