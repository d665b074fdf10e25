import { readFileSync } from 'node:fs';
import { sh } from '../../../src/fix-commands/command';
import { join } from 'node:path';
import type { DomainFinding, DomainReport, HostSummary, MxHostOutcome } from '../../../src/domain-check';
import { analyzeExchangeText } from '../../../src/exchange-config';
import { domainProgressMessage } from '../../../src/slack/blocks/domain-progress-blocks';
import { domainRemediationMessages } from '../../../src/slack/blocks/domain-remediation-blocks';
import { domainReportMessage } from '../../../src/slack/blocks/domain-report-blocks';
import { exchangeAnalysisMessages } from '../../../src/slack/blocks/exchange-analysis-blocks';
import { blockKitViolations, unsafeMarkup } from '../../helpers/block-kit-limits';

const EVIL = '<!channel> <https://evil.example|click> ```break``` <@U999> \u202e';
const long = (n: number) => `${EVIL} ${'x'.repeat(n)}`;

function hostileReport(hostCount: number, findingCount: number): DomainReport {
  const names = Array.from({ length: hostCount }, (_, i) => `mx${i}.${'a'.repeat(50)}.example.test`);
  const hosts: MxHostOutcome[] = names.map((host, i) => (i % 2 ? { host, priority: i, error: { code: 'POLICY_ADDRESS_DENIED', message: long(500) } } : { host, priority: i }));
  const summaries: HostSummary[] = names.map((host, i) => ({
    host,
    priority: i,
    verdict: 'critical',
    platform: 'unknown',
    starttls: 'ok',
    protocol: EVIL,
    capabilities: [long(100)],
    worstFinding: { id: 'cert-untrusted', severity: 'critical', title: long(400) },
  }));
  const finding = (i: number): DomainFinding => ({
    id: 'mta-sts-invalid',
    severity: i % 3 === 0 ? 'critical' : 'warning',
    hosts: names,
    title: long(300),
    evidence: Array.from({ length: 6 }, () => long(500)),
    remediation: [{ platform: 'any', steps: [long(800), long(800)], commands: [sh(long(2000)), sh(`${EVIL}\n${long(4000)}`)] }],
  });
  return {
    schemaVersion: 1,
    domain: 'example.test',
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1234,
    verdict: 'critical',
    mx: { source: 'mx', hosts: names.map((exchange, priority) => ({ exchange, priority })), authenticated: false },
    hosts,
    comparison: {
      hosts: summaries,
      aspects: [{ aspect: 'certificate', agree: false, groups: names.map((h) => ({ value: long(1000), hosts: [h] })) }],
      capabilityHosts: [],
      capabilityRows: [],
    },
    mtaSts: { recordName: '_mta-sts.example.test', recordTexts: [], policyUrl: 'https://mta-sts.example.test/.well-known/mta-sts.txt', problem: { code: 'STS_POLICY_SYNTAX', message: long(2000) }, coverage: [] },
    tlsRpt: { recordName: '_smtp._tls.example.test', recordTexts: [], record: { rua: [long(1000)], extensions: [] } },
    dane: [],
    chainRepairs: [],
    findings: Array.from({ length: findingCount }, (_, i) => finding(i)),
    notes: [long(3000), long(10)],
  };
}

describe('domain report blocks', () => {
  it('keep a hostile, oversized domain report within Block Kit limits and escaped', () => {
    const report = hostileReport(10, 40);
    const messages = [
      domainReportMessage(report, { requestedBy: 'U0ASKER001', port: 25, actions: true }),
      domainProgressMessage({ domain: report.domain, port: 25, requestedBy: 'U0ASKER001', mx: report.mx, done: report.hosts }),
      ...domainRemediationMessages(report, 'U0ASKER001'),
    ];
    for (const m of messages) {
      expect(blockKitViolations(m)).toEqual([]);
      expect(unsafeMarkup(m)).toEqual([]);
    }
    expect(JSON.stringify(messages[0].blocks)).toContain('✂️');
  });

  it('keep an Exchange analysis with many findings within the limits', () => {
    const dir = join(__dirname, '..', '..', 'fixtures', 'exchange');
    const text = ['receive-connectors-srvex01.txt', 'exchange-certificates-srvex01.txt', 'send-connectors-srvex01.txt', 'exchange-online-connectors.txt']
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n')
      .replace(/Fqdn\s*: .*/g, `Fqdn : ${EVIL}`);
    const messages = exchangeAnalysisMessages(analyzeExchangeText(text), 'U0ASKER001');
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) {
      expect(blockKitViolations(m)).toEqual([]);
      expect(unsafeMarkup(m)).toEqual([]);
    }
  });
});
