import { compareMxHosts } from '../../src/domain-check/consolidation/compare-mx-hosts';
import { renderDomainText } from '../../src/plain-text/domain-report-text';
import type { DomainReport } from '../../src/domain-check/types';
import { outcome } from '../domain-check/helpers/host-reports';

function report(over: Partial<DomainReport> = {}): DomainReport {
  const hosts = [outcome('mx1.example.test', 10), outcome('mx2.example.test', 20, { starttls: 'not-advertised', capabilities: ['PIPELINING', 'SIZE 1000'] })];
  return {
    schemaVersion: 1,
    domain: 'example.test',
    startedAt: new Date(0).toISOString(),
    durationMs: 42,
    verdict: 'warning',
    mx: { source: 'mx', hosts: hosts.map((h) => ({ exchange: h.host, priority: h.priority })), authenticated: false },
    hosts,
    comparison: compareMxHosts(hosts),
    mtaSts: {
      recordName: '_mta-sts.example.test',
      recordTexts: ['v=STSv1; id=1'],
      record: { id: '1', extensions: [] },
      policyUrl: 'https://mta-sts.example.test/.well-known/mta-sts.txt',
      policy: { mode: 'testing', maxAge: 86400, mx: ['mx1.example.test'], extensions: [] },
      coverage: [{ host: 'mx1.example.test', pattern: 'mx1.example.test' }, { host: 'mx2.example.test' }],
    },
    tlsRpt: { recordName: '_smtp._tls.example.test', recordTexts: ['v=TLSRPTv1; rua=\x1b[31m'], problem: { code: 'TLSRPT_SYNTAX', message: 'bad \x1b[31m' } },
    dane: [],
    chainRepairs: [],
    findings: [],
    notes: ['DNS answers from 127.0.0.1:53.'],
    ...over,
  };
}

describe('renderDomainText', () => {
  const text = renderDomainText(report());

  it('shows the host table, the disagreement and the capability differences', () => {
    expect(text).toContain('example.test  WARNING  (MX: 10 mx1.example.test, 20 mx2.example.test; 0 domain findings; 42 ms)');
    expect(text).toMatch(/20 {4}mx2\.example\.test {2}not-advertised {2}- {4}/);
    expect(text).toContain('hosts agree: starttls NO, capabilities NO, certificate yes');
    expect(text).toContain('  starttls: mx2.example.test: not-advertised');
    expect(text).toMatch(/STARTTLS\s+yes\s+-\s+<- differs/);
  });

  it('shows the policy state, with coverage per MX host', () => {
    expect(text).toContain('MTA-STS: mode testing, max_age 86400, id 1, mx mx1.example.test');
    expect(text).toContain('  mx2.example.test: NOT COVERED');
    expect(text).toContain('DANE: no TLSA records');
    expect(text).toContain('No domain-level problems found.');
    expect(text).toContain('note: DNS answers from 127.0.0.1:53.');
  });

  it('escapes control characters from DNS before they reach a terminal', () => {
    expect(text).toContain('TLS-RPT: TLSRPT_SYNTAX: bad \\x1b[31m');
    expect(text).not.toContain('\x1b');
  });
});
