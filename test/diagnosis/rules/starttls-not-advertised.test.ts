import { starttlsNotAdvertised } from '../../../src/diagnosis/rules/starttls-not-advertised';
import { lines } from '../../helpers/commands';
import { probeFromTranscript } from '../../fixtures/transcripts/builder';
import { certificateReport, exchangeSelfSigned } from '../../fixtures/transcripts/certificates';
import { referenceThreadPort25, referenceThreadPort587 } from '../../fixtures/transcripts/exchange';
import { diagnosisInput } from '../../fixtures/transcripts/input';
import { asaMasked } from '../../fixtures/transcripts/middlebox';
import { ciscoEsaWithoutTls, postfixDebian } from '../../fixtures/transcripts/mtas';

function postfixWithoutStartTls() {
  return probeFromTranscript({
    host: 'mx.example.org',
    port: 25,
    transcript: `
      220 mx.example.org ESMTP Postfix
      250-mx.example.org
      250-PIPELINING
      250-SIZE 10240000
      250 8BITMIME
    `,
  });
}

describe('starttls-not-advertised', () => {
  it('fires on the reference thread port 25 only, with the capabilities in the evidence', () => {
    const findings = starttlsNotAdvertised(diagnosisInput([referenceThreadPort25(), [referenceThreadPort587(), certificateReport()]]));
    expect(findings.map((f) => [f.id, f.severity, f.ports])).toEqual([['starttls-not-advertised', 'critical', [25]]]);
    expect(findings[0].title).toBe('Port 25 does not offer STARTTLS: mail to it travels unencrypted or is refused');
  });

  it('falls back to placeholders built from the certificate when no other port served a usable one', () => {
    const [finding] = starttlsNotAdvertised(
      diagnosisInput([referenceThreadPort25(), [referenceThreadPort587(), exchangeSelfSigned()]]),
    );
    const exchange = finding.remediation.find((r) => r.platform === 'exchange-onprem')!;
    expect(lines(exchange)).toContain('Enable-ExchangeCertificate -Thumbprint <TP> -Services SMTP');
    expect(lines(exchange)).toContain(
      '$c = Get-ExchangeCertificate -Thumbprint <TP>; Set-ReceiveConnector "<SRV>\\Default Frontend <SRV>" -TlsCertificateName "<I>$($c.Issuer)<S>$($c.Subject)"',
    );
    expect(lines(exchange).join('\n')).not.toContain('SRVEX01');
  });

  it('quotes a hostile certificate name as a verbatim PowerShell string', () => {
    const hostile = certificateReport({ exchangeTlsCertificateName: "<I>CN=Evil<S>CN=x'; Remove-Item C:\\ -Recurse; '$(calc)" });
    const [finding] = starttlsNotAdvertised(diagnosisInput([referenceThreadPort25(), [referenceThreadPort587(), hostile]]));
    const line = lines(finding.remediation[0]).find((c) => c.includes('-TlsCertificateName'))!;
    expect(line).toBe(
      "Set-ReceiveConnector \"<SRV>\\Default Frontend <SRV>\" -TlsCertificateName '<I>CN=Evil<S>CN=x''; Remove-Item C:\\ -Recurse; ''$(calc)'",
    );
  });

  it('points at the Default Frontend connector itself when X-ANONYMOUSTLS and AUTH are listed', () => {
    const probe = probeFromTranscript({
      port: 25,
      transcript: `
        220 mail.contoso.test Microsoft ESMTP MAIL Service ready at Tue, 3 Jun 2025 09:12:44 +0200
        250-mail.contoso.test Hello [198.51.100.7]
        250-SIZE 37748736
        250-PIPELINING
        250-X-ANONYMOUSTLS
        250-AUTH NTLM
        250 CHUNKING
      `,
    });
    const [finding] = starttlsNotAdvertised(diagnosisInput([probe]));
    expect(finding.evidence.join('\n')).toContain('that connector answers but has no usable certificate or no Tls in AuthMechanism');
    expect(finding.remediation[0].steps.join('\n')).toContain('points at causes 1 to 3 on that connector');
  });

  it('gives Postfix steps (postconf -e, postfix reload, master.cf overrides) for Postfix, then any', () => {
    const [finding] = starttlsNotAdvertised(diagnosisInput([postfixWithoutStartTls()]));
    expect(finding.remediation.map((r) => r.platform)).toEqual(['postfix', 'any']);
    const postfix = finding.remediation[0];
    expect(lines(postfix)).toEqual(
      expect.arrayContaining(["postconf -e 'smtpd_tls_security_level = may'", 'postfix reload', 'postconf -P | grep -i tls']),
    );
    expect(postfix.steps.join(' ')).toMatch(/smtpd_discard_ehlo_keywords/);
    expect(postfix.steps.join(' ')).toMatch(/smtpd_tls_chain_files/);
  });

  it('gives the generic fix, then every MTA entry as a guess, when the platform is unknown (Cisco ESA listener without TLS)', () => {
    const [finding] = starttlsNotAdvertised(diagnosisInput([ciscoEsaWithoutTls()]));
    expect(finding.remediation.map((r) => r.platform)).toEqual(['any', 'exchange-onprem', 'postfix', 'exim', 'sendmail', 'opensmtpd']);
    expect(finding.remediation.map((r) => r.guess ?? false)).toEqual([false, true, true, true, true, true]);
    const exim = finding.remediation.find((r) => r.platform === 'exim')!;
    expect(exim.steps.join(' ')).toMatch(/tls_advertise_hosts/);
    expect(exim.steps.join(' ')).toMatch(/tls_certificate and tls_privatekey/);
    const smtpd = finding.remediation.find((r) => r.platform === 'opensmtpd')!;
    expect(lines(smtpd)).toContain('listen on egress tls pki C680.lab.test');
    expect(finding.evidence[0]).toBe('port 25: EHLO lists 8BITMIME, SIZE 10485760; no STARTTLS');
  });

  it('explains a HELO-only server', () => {
    const probe = probeFromTranscript({
      port: 25,
      transcript: `
        220 old.example.org SMTP
        > EHLO starttls-probe.invalid
        502 5.5.2 Command not implemented
        > HELO starttls-probe.invalid
        250 old.example.org
      `,
    });
    const [finding] = starttlsNotAdvertised(diagnosisInput([probe]));
    expect(finding.evidence[0]).toBe('port 25: the server refused EHLO and accepted HELO, so it offers no ESMTP extensions at all; no STARTTLS');
  });

  it('quotes a STARTTLS sent anyway', () => {
    const probe = probeFromTranscript({
      port: 25,
      transcript: `
        220 mx.example.org ESMTP Exim 4.96
        250-mx.example.org Hello x [192.0.2.1]
        250 PIPELINING
        > STARTTLS
        503 STARTTLS command used when not advertised
      `,
    });
    const [finding] = starttlsNotAdvertised(diagnosisInput([probe]));
    expect(finding.evidence).toContain('port 25: STARTTLS sent anyway was answered 503 STARTTLS command used when not advertised');
  });

  it('does not fire when STARTTLS is offered, when the answer is masked, or on implicit TLS', () => {
    expect(starttlsNotAdvertised(diagnosisInput([postfixDebian(25)]))).toEqual([]);
    expect(starttlsNotAdvertised(diagnosisInput([asaMasked()]))).toEqual([]);
    const implicit = probeFromTranscript({
      port: 465,
      mode: 'implicit-tls',
      tls: { protocol: 'TLSv1.3' },
      transcript: `
        220 mx.example.org ESMTP Postfix
        250-mx.example.org
        250 AUTH PLAIN LOGIN
      `,
    });
    expect(starttlsNotAdvertised(diagnosisInput([implicit]))).toEqual([]);
  });
});
