import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { nagiosLine } from '../../src/cli/nagios-line';
import type { Report } from '../../src/report/types';
import { createTestPki } from '../helpers/pki';
import { runCli } from '../helpers/cli-process';
import { startSmtpServer, type RunningServer } from '../helpers/smtp-server';

let dir: string;
let caFile: string;
let good: RunningServer;
let good2: RunningServer;
let plain: RunningServer;
let closedPort: number;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'starttls-nagios-'));
  const pki = createTestPki();
  const leaf = pki.goodLeaf('mx.example.test', { ip: true });
  caFile = path.join(dir, 'root.pem');
  writeFileSync(caFile, pki.rootPem);
  const tls = { name: 'mx.example.test', key: leaf.keyPem, cert: leaf.chainPem, disabledCommands: ['AUTH'] };
  good = await startSmtpServer(tls);
  good2 = await startSmtpServer(tls);
  plain = await startSmtpServer({ name: 'mx.example.test', hideSTARTTLS: true, disabledCommands: ['AUTH'] });
  const gone = await startSmtpServer({});
  closedPort = gone.port;
  await gone.close();
});

afterAll(async () => {
  await Promise.all([good, good2, plain].map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

/** `STARTTLS STATE - summary | perf perf …` split into its parts; perfdata as label → value;warn;crit;min[;max]. */
function parse(stdout: string) {
  expect(stdout.endsWith('\n')).toBe(true);
  expect(stdout.slice(0, -1)).not.toContain('\n');
  const m = /^STARTTLS (OK|WARNING|CRITICAL|UNKNOWN) - ([^|]+) \| (.+)\n$/.exec(stdout);
  expect(m).not.toBeNull();
  const perf = Object.fromEntries(m![3].split(' ').map((item) => item.split('=') as [string, string]));
  return { state: m![1], summary: m![2], perf };
}

const PERF_ITEM = /^[a-z_0-9]+=(?:U|[0-9.]+s?);[0-9]*;[0-9]*;0(?:;1)?$/;

describe('starttls probe --nagios (the real process against loopback servers)', () => {
  it('one port: OK, time and days left with --warn-days and 0 as thresholds', async () => {
    const r = await runCli(['probe', `127.0.0.1:${good.port}`, '--ca', caFile, '--nagios', '--warn-days', '21']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const { state, summary, perf } = parse(r.stdout);
    expect(state).toBe('OK');
    expect(summary).toBe(`127.0.0.1: STARTTLS and certificate OK on port ${good.port}`);
    expect(Object.keys(perf)).toEqual(['time', `time_${good.port}`, `tls_${good.port}`, `days_left_${good.port}`]);
    expect(perf.time).toMatch(/^[0-9]+\.[0-9]{3}s;;;0$/);
    expect(perf[`tls_${good.port}`]).toBe('1;;;0;1');
    // goodLeaf is valid for 90 days (and an hour).
    expect(perf[`days_left_${good.port}`]).toBe('90;21;0;0');
    for (const item of r.stdout.split(' | ')[1].trim().split(' ')) expect(item).toMatch(PERF_ITEM);
  });

  it('two ports: perfdata for each, CRITICAL naming the worst finding first', async () => {
    const r = await runCli(['probe', '127.0.0.1', String(good.port), String(plain.port), '--ca', caFile, '--nagios']);
    expect(r.status).toBe(2);
    const { state, summary, perf } = parse(r.stdout);
    expect(state).toBe('CRITICAL');
    expect(summary).toMatch(new RegExp(`^127\\.0\\.0\\.1: .*${plain.port}.*STARTTLS.* \\(also: capabilities-differ\\)$`));
    expect(perf[`tls_${good.port}`]).toBe('1;;;0;1');
    expect(perf[`tls_${plain.port}`]).toBe('0;;;0;1');
    expect(perf[`days_left_${good.port}`]).toBe('90;30;0;0');
    expect(perf[`days_left_${plain.port}`]).toBe('U;30;0;0');
  });

  it('a failing port: CRITICAL, its days left undetermined (U)', async () => {
    const r = await runCli(['probe', `127.0.0.1:${closedPort}`, '--nagios']);
    expect(r.status).toBe(2);
    const { state, summary, perf } = parse(r.stdout);
    expect(state).toBe('CRITICAL');
    expect(summary).toMatch(/^127\.0\.0\.1: /);
    expect(summary).toMatch(new RegExp(`${closedPort}`));
    expect(perf[`tls_${closedPort}`]).toBe('0;;;0;1');
    expect(perf[`days_left_${closedPort}`]).toBe('U;30;0;0');
  });
});

describe('nagiosLine', () => {
  it('keeps server text in the summary to one escaped line, without a | that would start perfdata', () => {
    const port = { port: 25, mode: 'starttls' as const, capabilities: [], starttls: { advertised: true, attempted: true, succeeded: false, replyCode: 454 }, timings: {}, totalMs: 12, transcript: [] };
    const finding = { id: 'starttls-rejected' as const, severity: 'critical' as const, ports: [25], title: `STARTTLS refused: 454 \x1b[2J|evil\r\nsecond line \u202e${'x'.repeat(400)}`, evidence: [], remediation: [] };
    const report = { schemaVersion: 1, host: 'mx.example.test', startedAt: '', durationMs: 52, platform: 'unknown', verdict: 'critical', ports: [port], findings: [finding] } as Report;
    const line = nagiosLine(report, 30);
    expect(line.match(/\n/g)).toHaveLength(1);
    expect(line.split(' | ')).toHaveLength(2);
    expect(line).toMatch(/^STARTTLS CRITICAL - mx\.example\.test: STARTTLS refused: 454 \\x1b\[2J\/evil\\x0d second line \\u\{202e\}x+… \| time=0\.052s;;;0 time_25=0\.012s;;;0 tls_25=0;;;0;1 days_left_25=U;30;0;0\n$/);
  });
});
