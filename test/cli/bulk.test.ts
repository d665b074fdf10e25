import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { run } from '../../src/cli/main';
import type { Report } from '../../src/report/types';
import { assertDistBuilt } from '../helpers/dist-build';
import { createTestPki } from '../helpers/pki';
import { startSmtpServer, type RunningServer } from '../helpers/smtp-server';

interface Captured {
  out: string;
  err: string;
  status: number;
}

let dir: string;
let servers: RunningServer[] = [];
let caFile: string;
let good: RunningServer;
let plain: RunningServer;
let selfSigned: RunningServer;
let closedPort: number;

beforeAll(async () => {
  assertDistBuilt();
  dir = mkdtempSync(path.join(tmpdir(), 'starttls-bulk-'));
  const pki = createTestPki();
  const leaf = pki.goodLeaf('mx.example.test', { ip: true });
  caFile = path.join(dir, 'root.pem');
  writeFileSync(caFile, pki.rootPem);
  good = await startSmtpServer({ name: 'mx.example.test', key: leaf.keyPem, cert: leaf.chainPem, disabledCommands: ['AUTH'] });
  plain = await startSmtpServer({ name: 'plain.example.test', hideSTARTTLS: true });
  selfSigned = await startSmtpServer({ name: 'self.example.test' });
  const gone = await startSmtpServer({});
  closedPort = gone.port;
  await gone.close();
  servers = [good, plain, selfSigned];
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

async function bulk(lines: string[], extra: string[] = [], errIsTTY = false): Promise<Captured> {
  const file = path.join(dir, `targets-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(file, lines.join('\n'));
  const captured = { out: '', err: '', status: -1 };
  captured.status = await run(['probe', '--file', file, '--ca', caFile, '--timeout', '5000', ...extra], {
    out: (t) => (captured.out += t),
    err: (t) => (captured.err += t),
    errIsTTY,
  });
  return captured;
}

const MIXED = () => [
  '# good, broken and unreachable servers',
  `127.0.0.1 ${good.port}`,
  `127.0.0.1 ${plain.port}   # no STARTTLS`,
  '',
  `127.0.0.1 ${selfSigned.port}`,
  `127.0.0.1 ${closedPort}`,
];

describe('starttls probe --file', () => {
  it('writes one JSON report per line as each target finishes, a summary on stderr, and the worst status', async () => {
    const r = await bulk(MIXED(), ['--json', '--concurrency', '3']);
    const reports = r.out.trimEnd().split('\n').map((line) => JSON.parse(line) as Report);
    const byPort = new Map(reports.map((rep) => [rep.ports[0].port, rep]));
    expect([...byPort.keys()].sort()).toEqual([good.port, plain.port, selfSigned.port, closedPort].sort());
    expect(byPort.get(good.port)!.verdict).toBe('ok');
    expect(byPort.get(plain.port)!.findings.map((f) => f.id)).toContain('starttls-not-advertised');
    expect(byPort.get(selfSigned.port)!.findings.map((f) => f.id)).toContain('cert-self-signed');
    expect(byPort.get(closedPort)!.ports[0].error?.code).toBe('PROBE_CONNECT_REFUSED');
    const worst = Math.max(...reports.map((rep) => ({ ok: 0, warning: 1, critical: 2, unknown: 3 })[rep.verdict]));
    expect(r.status).toBe(worst);
    expect(r.status).toBe(2);
    const counts = { ok: 0, warning: 0, critical: 0, unknown: 0 };
    for (const rep of reports) counts[rep.verdict] += 1;
    expect(r.err).toContain(`4 targets: ${counts.ok} OK, ${counts.warning} WARNING, ${counts.critical} CRITICAL, ${counts.unknown} UNKNOWN\n`);
  });

  it('prints one line per target and the summary on stdout in text mode', async () => {
    const r = await bulk(MIXED());
    const lines = r.out.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines.find((l) => l.includes(`ports ${good.port} `))).toMatch(/^OK +127\.0\.0\.1 {2}ports \d+ {2}no problems found$/);
    // The same word a single probe of the refused port gives: CRITICAL (port-unreachable).
    expect(lines.find((l) => l.includes(`ports ${closedPort} `))).toMatch(/^CRITICAL 127\.0\.0\.1 {2}ports \d+ {2}port-unreachable$/);
    expect(lines.find((l) => l.includes(`ports ${plain.port} `))).toContain('starttls-not-advertised');
    expect(lines[4]).toMatch(/^4 targets: 1 OK, \d WARNING, \d CRITICAL, 0 UNKNOWN$/);
    expect(r.err).toBe('');
  });

  it('draws a progress bar on stderr when it is a terminal, and erases it at the end', async () => {
    const r = await bulk([`127.0.0.1 ${good.port}`, `127.0.0.1 ${closedPort}`], ['--json'], true);
    expect(r.err).toContain('[..............................] 0/2');
    expect(r.err).toMatch(/\r\x1b\[K\[#{30}\] 2\/2 {2}1 OK, 0 WARNING, 1 CRITICAL, 0 UNKNOWN/);
    expect(r.err.endsWith('\r\x1b[K2 targets: 1 OK, 0 WARNING, 1 CRITICAL, 0 UNKNOWN\n')).toBe(true);
    expect(r.out.trimEnd().split('\n')).toHaveLength(2);
  });

  it('uses the ports given on the command line for lines without ports', async () => {
    const r = await bulk(['127.0.0.1'], ['--json', String(good.port)]);
    expect((JSON.parse(r.out) as Report).ports.map((p) => p.port)).toEqual([good.port]);
  });

  it('refuses a bad line with its line number before probing anything (status 3)', async () => {
    const r = await bulk([`127.0.0.1 ${good.port}`, 'bad_host!']);
    expect(r.status).toBe(3);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/line 2: not a host name or IP address: "bad_host!"/);
  });
});
