import { bulkLine, summaryLine } from '../../src/cli/bulk-summary';
import { style } from '../../src/plain-text/colour';
import { ProgressBar, progressLine } from '../../src/cli/progress-bar';
import { parseTargetsFile } from '../../src/cli/targets-file';
import { UsageError } from '../../src/cli/usage-error';
import type { PortReport, Report } from '../../src/report/types';

describe('parseTargetsFile', () => {
  it('reads one host with optional ports per line, skipping comments and blank lines', () => {
    const text = '# fleet\nmx1.example.test 25 587\n\n  MX2.example.test   25,465  # edge\n[::1]\n127.0.0.1 2525\r\n';
    expect(parseTargetsFile(text, 't.txt', [25])).toEqual([
      { host: 'mx1.example.test', ports: [25, 587] },
      { host: 'mx2.example.test', ports: [25, 465] },
      { host: '::1', ports: [25] },
      { host: '127.0.0.1', ports: [2525] },
    ]);
  });

  it('reads the host:port, [ipv6]:port and URL forms, smtps:// meaning implicit TLS', () => {
    const text = 'mx1.example.test:2525\n[::1]:2465 587\nsmtp://mx2.example.test\nsmtps://mx3.example.test:2465\n';
    expect(parseTargetsFile(text, 't.txt', [25])).toEqual([
      { host: 'mx1.example.test', ports: [2525] },
      { host: '::1', ports: [2465, 587] },
      { host: 'mx2.example.test', ports: [25] },
      { host: 'mx3.example.test', ports: [2465], implicitTls: true },
    ]);
    expect(() => parseTargetsFile('ok.example.test\nmx.example.test:65536\n', 't.txt', [25])).toThrow(new UsageError('t.txt line 2: not a port number (1-65535): "65536"'));
  });

  it('names the file and line of a bad entry', () => {
    expect(() => parseTargetsFile('ok.example.test\nbad_host!\n', 't.txt', [25])).toThrow(new UsageError('t.txt line 2: not a host name or IP address: "bad_host!"'));
    expect(() => parseTargetsFile('a.example.test 99999', 't.txt', [25])).toThrow(/t\.txt line 1: not a port number/);
  });

  it('refuses a file with no targets', () => {
    expect(() => parseTargetsFile('# nothing\n\n', 'empty.txt', [25])).toThrow('empty.txt names no targets');
  });
});

function port(overrides: Partial<PortReport> = {}): PortReport {
  return { port: 25, mode: 'starttls', capabilities: [], starttls: { advertised: false, attempted: false, succeeded: false }, timings: {}, totalMs: 1, transcript: [], ...overrides };
}

function report(verdict: Report['verdict'], ports: PortReport[]): Report {
  return { schemaVersion: 1, host: 'mx.example.test', startedAt: new Date(0).toISOString(), durationMs: 1, platform: 'unknown', verdict, ports, findings: [] };
}

describe('bulk summary', () => {
  it('colours the outcome word only when asked (a terminal)', () => {
    const ok = report('ok', [port()]);
    expect(bulkLine(ok, style(true))).toMatch(/^\x1b\[32mOK {6}\x1b\[39m mx\.example\.test/);
    expect(bulkLine(report('warning', [port()]), style(true))).toMatch(/^\x1b\[33mWARNING/);
    expect(bulkLine(ok)).toMatch(/^OK {7}mx\.example\.test/);
  });

  it('counts targets by verdict, in the words a single probe uses', () => {
    expect(summaryLine({ ok: 3, warning: 1, critical: 2, unknown: 0 })).toBe('6 targets: 3 OK, 1 WARNING, 2 CRITICAL, 0 UNKNOWN');
    expect(summaryLine({ ok: 0, warning: 0, critical: 0, unknown: 1 })).toBe('1 target: 0 OK, 0 WARNING, 0 CRITICAL, 1 UNKNOWN');
  });

  it('prints one line per target with the port errors when there are no findings', () => {
    const line = bulkLine(report('critical', [port({ error: { code: 'PROBE_CONNECT_REFUSED', step: 'connect', message: 'ECONNREFUSED \x1b[31m' } })]));
    expect(line).toBe('CRITICAL mx.example.test  ports 25  25: ECONNREFUSED \\x1b[31m\n');
  });
});

describe('ProgressBar', () => {
  it('draws a bar with counts and redraws at most every 100 ms until the last update', () => {
    const written: string[] = [];
    let now = 1000;
    const bar = new ProgressBar(4, (t) => written.push(t), () => now);
    bar.update(1, '1 OK');
    bar.update(2, '2 OK');
    now += 150;
    bar.update(3, '3 OK');
    bar.update(4, '4 OK');
    expect(written).toEqual([
      `\r\x1b[K${progressLine(1, 4, '1 OK')}`,
      `\r\x1b[K${progressLine(3, 4, '3 OK')}`,
      `\r\x1b[K${progressLine(4, 4, '4 OK')}`,
    ]);
    expect(progressLine(2, 4, 'x')).toBe(`[${'#'.repeat(15)}${'.'.repeat(15)}] 2/4  x`);
  });

  it('erases itself around other output and draws again after it', () => {
    const written: string[] = [];
    const bar = new ProgressBar(2, (t) => written.push(t));
    bar.update(1, '');
    bar.around(() => written.push('line\n'));
    expect(written.slice(1)).toEqual(['\r\x1b[K', 'line\n', `\r\x1b[K${progressLine(1, 2, '')}`]);
  });
});
