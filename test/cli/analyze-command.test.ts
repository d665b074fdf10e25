import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeCommand, type AnalyzeInput } from '../../src/cli/analyze-command';
import { run } from '../../src/cli/main';

const FIXTURES = join(__dirname, '..', 'fixtures', 'exchange');
const NOW = new Date('2025-06-01T00:00:00Z');

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

const fixturePath = (name: string) => join(FIXTURES, name);

describe('starttls analyze', () => {
  it('prints the findings of the thread joined with its probe report; exit 2 (critical)', async () => {
    const c = capture();
    const code = await analyzeCommand([fixturePath('thread-receive-connector-extract.txt'), '--report', fixturePath('thread-probe-report.json')], c.io, { now: NOW });
    expect(code).toBe(2);
    const text = c.out.join('');
    expect(text.split('\n')[0]).toBe('CRITICAL  Read 1 receive connector (joined with the probe of mail.xxxxx.com): 1 critical, 1 warning, 1 info.');
    expect(text).toContain('CRITICAL  starttls-missing-on-tls-connector  [port 25]');
    expect(c.err).toEqual([]);
  });

  it('the relay connector that Exchange Online reaches without STARTTLS is critical: 451 5.7.3, with its fix; exit 2', async () => {
    const c = capture();
    const code = await analyzeCommand([fixturePath('receive-connectors-exo-relay.txt')], c.io, { now: NOW });
    expect(code).toBe(2);
    const text = c.out.join('');
    expect(text).toContain(
      'CRITICAL  receive-connector-no-tls  [port 25]  Receive connector "SRVEX01\\Hybrid Relay SRVEX01" answers Exchange Online without STARTTLS: hybrid mail is refused with 451 5.7.3',
    );
    expect(text).toContain(`refused with "451 5.7.3 STARTTLS is required to send mail"`);
    expect(text).toContain("> Set-ReceiveConnector 'SRVEX01\\Hybrid Relay SRVEX01' -AuthMechanism Tls,ExternalAuthoritative");
    expect(text).toContain("> Set-ReceiveConnector 'SRVEX01\\Hybrid Relay SRVEX01' -RemoteIPRanges '192.0.2.10'");
  });

  it('says so instead of joining when --report is a probe of a Postfix server', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'analyze-'));
    const postfix = join(dir, 'postfix.json');
    const report = JSON.parse(readFileSync(fixturePath('thread-probe-report.json'), 'utf8'));
    writeFileSync(postfix, JSON.stringify({ ...report, platform: 'postfix' }));
    const c = capture();
    const code = await analyzeCommand([fixturePath('thread-receive-connector-extract.txt'), '--report', postfix], c.io, { now: NOW });
    expect(code).toBe(1);
    const text = c.out.join('');
    expect(text.split('\n')[0]).toBe('WARNING  Read 1 receive connector (not joined with the probe of mail.xxxxx.com: it is not an Exchange server): 2 warning.');
    expect(text).toContain('WARNING  probe-report-not-exchange  [ports 25, 587]  The probe report of mail.xxxxx.com shows Postfix, not Exchange Server');
    expect(text).not.toContain('starttls-missing-on-tls-connector');
    expect(text).not.toContain('list below');
  });

  it('prints JSON with --json; exit 1 (warning) for the extract alone', async () => {
    const c = capture();
    const code = await analyzeCommand([fixturePath('thread-receive-connector-extract.txt'), '--json'], c.io, { now: NOW });
    expect(code).toBe(1);
    const json = JSON.parse(c.out.join(''));
    expect(json).toMatchObject({ recognised: true, verdict: 'warning' });
    expect(json.findings.map((f: { id: string }) => f.id)).toEqual(['connector-fqdn-not-covered']);
  });

  it('reads a UTF-16 file from standard input with -', async () => {
    const text = readFileSync(fixturePath('receive-connectors-srvex01.txt'), 'utf8');
    const input: AnalyzeInput = {
      readFile: () => Promise.reject(new Error('not used')),
      readStdin: () => Promise.resolve(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])),
    };
    const c = capture();
    expect(await analyzeCommand(['-'], c.io, { input, now: NOW })).toBe(1);
    expect(c.out.join('')).toContain('receive-connector-no-tls');
  });

  it('exit 3 with one line when nothing is recognised', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'analyze-'));
    const junk = join(dir, 'junk.txt');
    writeFileSync(junk, 'x'.repeat(1024 * 1024));
    const c = capture();
    expect(await analyzeCommand([junk], c.io, { now: NOW })).toBe(3);
    expect(c.out).toEqual([]);
    expect(c.err).toEqual([
      'starttls: Nothing recognised: paste the Format-List output (| fl) of Get-ReceiveConnector, Get-ExchangeCertificate, Get-SendConnector, Get-InboundConnector or Get-OutboundConnector.\n',
    ]);
  });

  it('exit 3 with one line for a missing file or a report that is not one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'analyze-'));
    const notReport = join(dir, 'report.json');
    writeFileSync(notReport, '{"hello": "world"}');
    const missing = capture();
    expect(await analyzeCommand([join(dir, 'nope.txt')], missing.io)).toBe(3);
    expect(missing.err.join('')).toBe(`starttls: cannot read FILE ${join(dir, 'nope.txt')}: ENOENT\n`);
    const bad = capture();
    expect(await analyzeCommand([fixturePath('thread-receive-connector-extract.txt'), '--report', notReport], bad.io)).toBe(3);
    expect(bad.err[0]).toBe(`starttls: --report ${notReport} is not a probe report (starttls probe --json)\n`);
  });

  it('is routed from the starttls entry point', async () => {
    const c = capture();
    expect(await run(['analyze'], c.io)).toBe(3);
    expect(c.err.join('')).toContain('starttls: no file given (use - to read standard input)');
  });
});
