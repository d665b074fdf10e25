import { certNameMismatch, certNameNotChecked } from '../../../src/diagnosis/rules/cert-name-mismatch';
import { lines } from '../../helpers/commands';
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

  it('gives Exchange connector Fqdn and hybrid steps, for the connector of the port', () => {
    const exchange = finding.remediation[0];
    expect(exchange.platform).toBe('exchange-onprem');
    expect(exchange.steps.join(' ')).toContain('SubjectMismatch');
    expect(lines(exchange)).toContain('Set-ReceiveConnector "<SRV>\\Client Frontend <SRV>" -Fqdn mail.contoso.test');
  });

  it('stays quiet when every name matches', () => {
    expect(certNameMismatch(diagnosisInput([[referenceThreadPort587(), certificateReport()]]))).toEqual([]);
  });
});

describe('names when the target is an address', () => {
  const byAddress = certificateReport({ identityName: null, nameMatch: null });
  const input = (c = byAddress) => diagnosisInput([[referenceThreadPort587(), c]], { host: '192.0.2.25' });

  it('makes no name verdict without --servername: no mismatch, an info note naming the covered names instead', () => {
    expect(certNameMismatch(input())).toEqual([]);
    const [note] = certNameNotChecked(input());
    expect(note).toMatchObject({ id: 'cert-name-not-checked', severity: 'info', ports: [587] });
    expect(note.title).toBe('No name was checked on port 587: 192.0.2.25 is an address, and senders check the certificate against the MX host name');
    expect(note.evidence[0]).toBe('port 587: the certificate covers *.contoso.test, contoso.test');
    const commands = note.remediation.flatMap((r) => lines(r));
    expect(commands[0]).toBe('starttls probe 192.0.2.25 587 --servername <mx-host-name>');
    // Never advise a certificate for an address.
    expect(commands.join('\n')).not.toMatch(/certbot|New-ExchangeCertificate|-Fqdn 192/);
  });

  it('judges the --servername name, and says that is where it came from', () => {
    const c = certificateReport({ identityName: 'mail.fabrikam.com', nameMatch: false });
    const [finding] = certNameMismatch(input(c));
    expect(finding.title).toBe('The certificate on port 587 does not cover mail.fabrikam.com');
    expect(finding.evidence[1]).toBe('port 587: mail.fabrikam.com is not among them (the name given with --servername)');
    expect(certNameNotChecked(input(c))).toEqual([]);
  });

  it('still judges --expect-name names, and then adds no note', () => {
    const c = certificateReport({ identityName: null, nameMatch: null, expectedNames: [{ name: 'smtp.contoso.test', matches: false }] });
    expect(certNameMismatch(input(c)).map((f) => f.title)).toEqual(['The certificate on port 587 does not cover smtp.contoso.test']);
    expect(certNameNotChecked(input(c))).toEqual([]);
  });
});
