import { compareFindings, diagnose } from '../../src/diagnosis/diagnose';
import { lines } from '../helpers/commands';
import type { Finding } from '../../src/diagnosis/types';
import { CONTOSO_THUMBPRINT, CONTOSO_TLS_NAME, certificateReport, exchangeSelfSigned } from '../fixtures/transcripts/certificates';
import { referenceThreadPort25, referenceThreadPort587, exchange2016Port25 } from '../fixtures/transcripts/exchange';
import { connectRefused, greeting421, tarpit } from '../fixtures/transcripts/failures';
import { diagnosisInput } from '../fixtures/transcripts/input';
import { asaMasked } from '../fixtures/transcripts/middlebox';
import { postfixDebian } from '../fixtures/transcripts/mtas';

const ids = (findings: Finding[]) => findings.map((f) => `${f.id}@${f.ports.join(',')}`);

describe('diagnose: the reference thread (Exchange hybrid, STARTTLS on 587 but not on 25)', () => {
  const result = diagnose(
    diagnosisInput([referenceThreadPort25(), [referenceThreadPort587(), certificateReport()]], { host: 'mail.contoso.test' }),
  );
  const missing = result.findings.find((f) => f.id === 'starttls-not-advertised');
  const exchange = missing?.remediation.find((r) => r.platform === 'exchange-onprem');
  const exchangeText = [...(exchange?.steps ?? []), ...(lines(exchange) ?? [])].join('\n');

  it('fingerprints Exchange on-premises', () => {
    expect(result.platform).toBe('exchange-onprem');
  });

  it('finds exactly: STARTTLS missing on 25 (critical), capabilities differing between 25 and 587 (warning)', () => {
    expect(ids(result.findings)).toEqual(['starttls-not-advertised@25', 'capabilities-differ@25,587']);
    expect(missing?.severity).toBe('critical');
    expect(result.findings[1].severity).toBe('warning');
  });

  it('lists the capabilities seen on 25 in the evidence and says STARTTLS is absent', () => {
    expect(missing?.evidence).toContain(
      'port 25: EHLO lists SIZE 62423040, PIPELINING, DSN, ENHANCEDSTATUSCODES, 8BITMIME, BINARYMIME, CHUNKING; no STARTTLS',
    );
    expect(missing?.evidence.join('\n')).toContain('port 587 of the same host offers STARTTLS and served CN=*.contoso.test, O=Contoso');
    expect(missing?.evidence.join('\n')).toMatch(/no X-ANONYMOUSTLS and no AUTH.*SIZE 62423040 differs from 20971520 on port 587/);
  });

  it('puts the Exchange entry first, then any', () => {
    expect(missing?.remediation.map((r) => r.platform)).toEqual(['exchange-onprem', 'any']);
  });

  it('fills the thumbprint and the exact TlsCertificateName seen on 587 into the Exchange commands', () => {
    expect(lines(exchange)).toContain(`Enable-ExchangeCertificate -Thumbprint ${CONTOSO_THUMBPRINT} -Services SMTP`);
    expect(lines(exchange)).toContain(
      `Set-ReceiveConnector "<SRV>\\Default Frontend <SRV>" -TlsCertificateName '${CONTOSO_TLS_NAME}'`,
    );
    expect(CONTOSO_TLS_NAME).toBe(
      '<I>CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US<S>CN=*.contoso.test, O=Contoso',
    );
    expect(lines(exchange)).toContain('Restart-Service MSExchangeFrontEndTransport');
  });

  it('names every cause and the real cmdlets', () => {
    expect(lines(exchange)).toContain(
      'Get-ReceiveConnector -Server <SRV> | fl Name,TransportRole,Bindings,RemoteIPRanges,AuthMechanism,Fqdn,TlsCertificateName,MaxMessageSize',
    );
    expect(lines(exchange)).toContain('Get-ExchangeCertificate | fl Thumbprint,Services,Subject,Issuer,CertificateDomains,NotAfter');
    expect(lines(exchange)).toContain(
      'Set-ReceiveConnector "<SRV>\\Default Frontend <SRV>" -AuthMechanism Tls,Integrated,BasicAuth,BasicAuthRequireTLS,ExchangeServer',
    );
    expect(exchangeText).toContain('KB 2989382');
    expect(exchangeText).toContain('event 12014');
    expect(exchangeText).toContain('MSExchangeFrontEndTransport');
    expect(exchangeText).toMatch(/AuthMechanism lacks Tls/);
    expect(exchangeText).toMatch(/RemoteIPRanges/);
    expect(exchangeText).toContain('mail.contoso.test');
    expect(exchangeText).toContain('59.53 MB (62,423,040 bytes)');
    expect(exchangeText).toContain('This answer has neither X-ANONYMOUSTLS nor AUTH and carries SIZE 62423040 (versus SIZE 20971520 on port 587)');
  });

  it('names SIZE 62423040 vs 20971520 and STARTTLS in the capability comparison', () => {
    const differ = result.findings.find((f) => f.id === 'capabilities-differ')!;
    expect(differ.title).toBe('Ports 25 and 587 advertise different capabilities, including STARTTLS');
    expect(differ.evidence).toContain('STARTTLS: offered on port 587; missing on port 25');
    expect(differ.evidence).toContain(
      'SIZE: 62423040 (59.53 MB) on port 25 vs 20971520 (20 MB) on port 587',
    );
    expect(differ.evidence).toContain('AUTH: offered on port 587; missing on port 25');
  });
});

describe('diagnose: exclusivity and order', () => {
  it('reports a 421 greeting as smtp-not-testable only', () => {
    const { findings } = diagnose(diagnosisInput([greeting421(25)]));
    expect(ids(findings)).toEqual(['smtp-not-testable@25']);
    expect(findings[0].title).toContain('could not be assessed');
  });

  it('reports a tarpit as smtp-not-testable only, never as missing STARTTLS', () => {
    const { findings } = diagnose(diagnosisInput([tarpit(25), postfixDebian(587)], { host: 'debian' }));
    expect(ids(findings)).toEqual(['smtp-not-testable@25']);
    expect(findings.map((f) => f.id)).not.toContain('starttls-not-advertised');
  });

  it('reports the ASA-masked transcript as starttls-stripped, not starttls-not-advertised', () => {
    const result = diagnose(diagnosisInput([asaMasked()]));
    expect(result.platform).toBe('cisco-asa');
    expect(ids(result.findings)).toEqual(['starttls-stripped@25']);
  });

  it('sorts critical before warning before info, then by port', () => {
    const { findings } = diagnose(
      diagnosisInput(
        [
          connectRefused(465),
          [exchange2016Port25(), certificateReport({ daysLeft: 5, nameMatch: true })],
          [{ ...exchange2016Port25(), port: 2525 }, exchangeSelfSigned({ nameMatch: true })],
          greeting421(587),
        ],
        { host: 'mail1.fabrikam.com' },
      ),
    );
    expect(ids(findings)).toEqual([
      'port-unreachable@465',
      'cert-expiring-soon@25',
      'smtp-not-testable@587',
      'cert-self-signed@2525',
    ]);
    expect(findings.map((f) => f.severity)).toEqual(['critical', 'warning', 'warning', 'warning']);
  });

  it('compareFindings ranks severity first', () => {
    const f = (severity: Finding['severity'], port: number): Finding => ({
      id: 'cert-expired',
      severity,
      ports: [port],
      title: '',
      evidence: [],
      remediation: [],
    });
    const sorted = [f('info', 1), f('critical', 587), f('warning', 25), f('critical', 25)].sort(compareFindings);
    expect(sorted.map((x) => `${x.severity}:${x.ports[0]}`)).toEqual(['critical:25', 'critical:587', 'warning:25', 'info:1']);
  });

  it('returns no findings for a healthy Postfix', () => {
    const { platform, findings } = diagnose(
      diagnosisInput([[postfixDebian(25), certificateReport({ san: ['debian'], nameMatch: true })]], { host: 'debian' }),
    );
    expect(platform).toBe('postfix');
    expect(findings).toEqual([]);
  });
});
