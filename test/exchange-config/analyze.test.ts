import { randomBytes } from 'node:crypto';
import { lines } from '../helpers/commands';
import { analyzeExchangeText, NOTHING_RECOGNISED, verdictOf } from '../../src/exchange-config/analyze';
import { asProbeReport } from '../../src/exchange-config/probe-report';
import type { Report } from '../../src/report/types';
import { fixture, NOW } from './helpers/format-list';

const FULL = ['receive-connectors-srvex01.txt', 'exchange-certificates-srvex01.txt', 'send-connectors-srvex01.txt', 'exchange-online-connectors.txt']
  .map(fixture)
  .join('\n');

function threadReport(): Report {
  const report = asProbeReport(JSON.parse(fixture('thread-probe-report.json')));
  if (!report) throw new Error('fixture is not a report');
  return report;
}

const ids = (a: ReturnType<typeof analyzeExchangeText>) => a.findings.map((f) => `${f.severity} ${f.id}`);

describe('analyzeExchangeText: nothing recognised', () => {
  it('answers random text with the one-line message and the read-only commands to run', () => {
    const a = analyzeExchangeText('Hi team, STARTTLS is missing on port 25 again.\nAny idea?  Note: we renewed the cert last week.');
    expect(a).toMatchObject({ recognised: false, verdict: 'unknown', findings: [], summary: NOTHING_RECOGNISED });
    expect(a.summary).not.toContain('\n');
    expect(a.nextSteps.map((c) => c.key)).toContain('receive-connectors');
  });

  it('answers a megabyte of junk without a finding', () => {
    const junk = randomBytes(768 * 1024).toString('base64').slice(0, 1024 * 1024);
    const lines = Array.from({ length: 30000 }, (_, i) => `Key${i} : {value ${i}`).join('\n');
    // Bounded by the parser's limits; no wall-clock assertion (the machines are shared): jest's timeout is the bound.
    expect(analyzeExchangeText(junk).recognised).toBe(false);
    expect(analyzeExchangeText(lines).recognised).toBe(false);
    expect(analyzeExchangeText('\u0000'.repeat(1024 * 1024)).recognised).toBe(false);
  });
});

describe('analyzeExchangeText: the Exchange 2019 server after a certificate renewal', () => {
  const a = analyzeExchangeText(FULL, undefined, { now: NOW });

  it('finds the expired certificate still named, the Online connector that fails on it, and the relay without Tls', () => {
    expect(ids(a)).toEqual([
      'critical smtp-certificate-expired',
      'critical exo-outbound-tls-cannot-validate',
      'warning receive-connector-no-tls',
      'warning receive-connectors-overlap',
    ]);
    expect(a.verdict).toBe('critical');
    expect(a.summary).toBe(
      'Read 6 receive connectors, 5 certificates, 2 send connectors, 2 inbound connectors and 1 outbound connector: 2 critical, 2 warning.',
    );
  });

  it('asks to show whole collections because RemoteIPRanges was cut', () => {
    expect(a.nextSteps.map((c) => c.command)).toEqual(['$FormatEnumerationLimit = -1']);
    expect(a.joined).toBe(false);
  });
});

describe('analyzeExchangeText: the reference thread', () => {
  it('on its own: the internal Fqdn is not on the wildcard certificate; paste the certificates next', () => {
    const a = analyzeExchangeText(fixture('thread-receive-connector-extract.txt'), undefined, { now: NOW });
    expect(ids(a)).toEqual(['warning connector-fqdn-not-covered']);
    expect(a.summary).toBe('Read 1 receive connector: 1 warning.');
    expect(a.nextSteps.map((c) => c.key)).toEqual(['certificates']);
  });

  it('joined with the probe (25 without STARTTLS, SIZE 62423040): another connector or the stale certificate, Fqdn, and 587 elsewhere', () => {
    const a = analyzeExchangeText(fixture('thread-receive-connector-extract.txt'), threadReport(), { now: NOW });
    expect(ids(a)).toEqual(['critical starttls-missing-on-tls-connector', 'warning connector-fqdn-not-covered', 'info port-answered-by-unlisted-connector']);
    expect(a.summary).toBe('Read 1 receive connector (joined with the probe of mail.xxxxx.com): 1 critical, 1 warning, 1 info.');

    const [missing, fqdn, port587] = a.findings;
    expect(missing.ports).toEqual([25]);
    expect(missing.evidence).toEqual(
      expect.arrayContaining([
        'Port 25 answered EHLO without STARTTLS: SIZE 62423040 (59.53 MB), no AUTH, no X-ANONYMOUSTLS.',
        "The MaxMessageSize of the connector on {[::]:25, 0.0.0.0:25} is not in the paste, so SIZE cannot confirm it answered; 62423040 is not Exchange's default 37748736.",
        'The answer has no AUTH, yet the connector on {[::]:25, 0.0.0.0:25} allows Integrated (AUTH NTLM is offered before TLS).',
      ]),
    );
    const [other, certificateCause, verdict] = missing.remediation[0].steps;
    expect(other).toMatch(/^Another connector: .*MaxMessageSize shows 62423040 bytes/);
    expect(certificateCause).toMatch(/^Certificate: .*KB 2989382.*event 12014/);
    expect(verdict).toBe('The answer points to another connector (see the evidence).');
    expect(lines(missing.remediation[0]).slice(0, 3)).toEqual([
      expect.stringMatching(/^Get-ExchangeCertificate \| fl /),
      expect.stringMatching(/^Get-WinEvent .*Id=12014/),
      expect.stringMatching(/^Get-ReceiveConnector \| fl /),
    ]);

    expect(lines(fqdn.remediation[0])[0]).toBe("Set-ReceiveConnector '<SRV>\\<connector name>' -Fqdn 'mail.xxxxx.com'");
    expect(port587.evidence[1]).toBe('The pasted connectors bind port 25 only: port 587 is answered by a different connector.');
  });

  it('joined with the full server paste: SIZE 62423040 names the relay connector', () => {
    const a = analyzeExchangeText(FULL, threadReport(), { now: NOW });
    const answered = a.findings.find((f) => f.id === 'port-answered-by-connector');
    expect(answered?.title).toBe('Port 25 was answered by receive connector "SRVEX01\\Relay SRVEX01"');
    expect(a.findings.some((f) => f.id === 'starttls-missing-on-tls-connector')).toBe(false);
  });
});

describe('analyzeExchangeText: a probe report of another MTA', () => {
  function postfixReport(): Report {
    const r = threadReport();
    return { ...r, platform: 'postfix', ports: r.ports.map((p) => ({ ...p, banner: ['mail.xxxxx.com ESMTP Postfix (Debian/GNU)'] })) };
  }

  it('says the report is not of an Exchange server and does not join it', () => {
    const a = analyzeExchangeText(fixture('thread-receive-connector-extract.txt'), postfixReport(), { now: NOW });
    expect(a.joined).toBe(false);
    expect(ids(a)).toEqual(['warning probe-report-not-exchange', 'warning connector-fqdn-not-covered']);
    expect(a.summary).toBe('Read 1 receive connector (not joined with the probe of mail.xxxxx.com: it is not an Exchange server): 2 warning.');
    const [f] = a.findings;
    expect(f.title).toBe('The probe report of mail.xxxxx.com shows Postfix, not Exchange Server: the paste was analysed without it');
    expect(f.evidence[0]).toBe('The probe of mail.xxxxx.com recognised the platform as Postfix (greeting: mail.xxxxx.com ESMTP Postfix (Debian/GNU))');
    const advice = [...f.remediation[0].steps, ...a.findings.flatMap((x) => x.remediation.flatMap((r) => r.steps))].join('\n');
    expect(advice).not.toMatch(/list below/);
  });

  it('still joins a report whose platform the fingerprint could not tell', () => {
    const a = analyzeExchangeText(fixture('thread-receive-connector-extract.txt'), { ...threadReport(), platform: 'unknown' }, { now: NOW });
    expect(a.joined).toBe(true);
    expect(ids(a)).not.toContain('warning probe-report-not-exchange');
  });
});

describe('verdictOf', () => {
  it('is the worst severity, ok for information only', () => {
    const f = (severity: 'critical' | 'warning' | 'info') => ({ id: 'port-answered-by-connector' as const, severity, ports: [], title: '', evidence: [], remediation: [], objects: [] });
    expect(verdictOf([f('info')])).toBe('ok');
    expect(verdictOf([f('info'), f('warning')])).toBe('warning');
    expect(verdictOf([f('warning'), f('critical')])).toBe('critical');
  });
});
