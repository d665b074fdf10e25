import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { colourWanted } from '../../src/plain-text/colour';
import { MAX_TRANSCRIPT_LINES, transcriptText, visible } from '../../src/cli/transcript-text';
import type { Report } from '../../src/report/types';
import { BIN, runCli } from '../helpers/cli-process';
import { onLines, startScriptedServer, type ScriptedServer } from '../helpers/scripted-server';
import { startSmtpServer, type RunningServer } from '../helpers/smtp-server';

const ESC = '\x1b';
let hostile: ScriptedServer;
let plain: RunningServer;

beforeAll(async () => {
  // Clears the screen, rings the bell, sets the window title, hides text behind a CR and reverses it with U+202E.
  hostile = await startScriptedServer((socket) => {
    socket.write(`220 mx.example.test ESMTP\x1b[2J\x07\x1b]0;pwned\x07 ready\rFAKE OK \u202egnp.exe\r\n`);
    onLines(socket, (line) => (/^EHLO/i.test(line) ? '250-mx.example.test\r\n250 X-\x1b[31mRED\x1b[0m\r\n' : /^QUIT/i.test(line) ? '221 bye\r\n' : '502 no\r\n'));
  });
  plain = await startSmtpServer({ hideSTARTTLS: true });
});
afterAll(async () => {
  await Promise.all([hostile.close(), plain.close()]);
});

describe('-v/--transcript', () => {
  it("shows each port's conversation, client and server lines, with the hostile banner's control characters made visible", async () => {
    const r = await runCli(['probe', `127.0.0.1:${hostile.port}`, '-v']);
    expect(r.status).toBe(2);
    expect(r.stdout).not.toContain(ESC);
    expect(r.stdout).not.toContain('\x07');
    expect(r.stdout).not.toContain('\u202e');
    expect(r.stdout).toContain(`SMTP conversation on port ${hostile.port} (starttls)`);
    expect(r.stdout).toMatch(new RegExp(`ms {2}\\* connecting to 127\\.0\\.0\\.1 port ${hostile.port}`));
    expect(r.stdout).toContain('S: 220 mx.example.test ESMTP\\x1b[2J\\x07\\x1b]0;pwned\\x07 ready\\x0dFAKE OK \\u{202e}gnp.exe');
    expect(r.stdout).toMatch(/ms {2}C: EHLO starttls-probe\.invalid/);
    expect(r.stdout).toContain('S: 250 X-\\x1b[31mRED\\x1b[0m');
    expect(r.stdout).toMatch(/ms {2}C: QUIT/);
    // The report follows the conversation.
    expect(r.stdout.indexOf('SMTP conversation')).toBeLessThan(r.stdout.indexOf('starttls-not-advertised'));
  });

  it('shows the TLS step', async () => {
    const tls = await startSmtpServer({});
    try {
      const r = await runCli(['probe', `127.0.0.1:${tls.port}`, '--transcript']);
      expect(r.stdout).toMatch(/C: STARTTLS\n.*S: 220 .*\n.*\* TLS established: TLSv1\.[23] /);
      expect(r.stdout).toMatch(/\* TLS established[^\n]*\n[^\n]*C: EHLO/);
    } finally {
      await tls.close();
    }
  });

  it('without -v there is no conversation', async () => {
    const r = await runCli(['probe', `127.0.0.1:${plain.port}`]);
    expect(r.stdout).not.toContain('SMTP conversation');
  });

  it('is bounded per port, saying how much was left out', () => {
    const transcript = Array.from({ length: 400 }, (_, i) => ({ at: i, dir: 'server' as const, text: `250-LINE${i}` }));
    const port = { port: 25, mode: 'starttls' as const, capabilities: [], starttls: { advertised: false, attempted: false, succeeded: false }, timings: {}, totalMs: 1, transcript };
    const report = { schemaVersion: 1, host: 'mx.example.test', startedAt: '', durationMs: 1, platform: 'unknown', verdict: 'ok', ports: [port], findings: [] } as Report;
    const text = transcriptText(report);
    expect(text.match(/S: 250-LINE/g)).toHaveLength(MAX_TRANSCRIPT_LINES);
    expect(text).toContain(`… ${400 - MAX_TRANSCRIPT_LINES} more entries: starttls probe --json has them all`);
  });

  it('escapes tab, newline, DEL, C1 controls and zero-width characters too', () => {
    expect(visible('a\tb\nc\x7fd\x9be\u200bf\ufeff')).toBe('a\\x09b\\x0ac\\x7fd\\x9be\\u{200b}f\\u{feff}');
  });
});

describe('colour', () => {
  it.each([
    [true, {}, true],
    [false, {}, false],
    [true, { NO_COLOR: '1' }, false],
    [true, { NO_COLOR: '' }, true],
    [false, { FORCE_COLOR: '1' }, true],
    [false, { FORCE_COLOR: '' }, true],
    [true, { FORCE_COLOR: '0' }, false],
    [true, { FORCE_COLOR: '1', NO_COLOR: '1' }, true],
    [true, { TERM: 'dumb' }, false],
  ])('terminal %s with %j: %s', (isTTY, env, wanted) => {
    expect(colourWanted(isTTY, env)).toBe(wanted);
  });

  it('none when piped', async () => {
    const r = await runCli(['probe', `127.0.0.1:${plain.port}`]);
    expect(r.stdout).toContain('CRITICAL');
    expect(r.stdout).not.toContain(ESC);
  });

  it('FORCE_COLOR=1 colours the verdict and severities even when piped', async () => {
    const r = await runCli(['probe', `127.0.0.1:${plain.port}`], { FORCE_COLOR: '1' });
    expect(r.stdout).toContain(`${ESC}[31mCRITICAL${ESC}[39m`);
    expect(r.stdout).toMatch(new RegExp(`${ESC}\\[1m127\\.0\\.0\\.1${ESC}\\[22m`));
  });

  it('NO_COLOR keeps a piped run plain, and --json never carries colour', async () => {
    const r = await runCli(['probe', `127.0.0.1:${plain.port}`], { NO_COLOR: '1' });
    expect(r.stdout).not.toContain(ESC);
    const json = await runCli(['probe', `127.0.0.1:${plain.port}`, '--json'], { FORCE_COLOR: '1' });
    expect(json.stdout).not.toContain(ESC);
    expect(JSON.parse(json.stdout).verdict).toBe('critical');
  });

  // A real terminal: util-linux `script` runs the CLI on a pseudo-terminal.
  const script = ['/usr/bin/script', '/bin/script'].find(existsSync);
  const onTerminal = (env: Record<string, string>): Promise<string> =>
    new Promise((resolve) => {
      const clean: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm', ...env };
      if (!('FORCE_COLOR' in env)) delete clean.FORCE_COLOR;
      if (!('NO_COLOR' in env)) delete clean.NO_COLOR;
      const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} probe 127.0.0.1:${plain.port}`;
      execFile(script!, ['-qec', command, '/dev/null'], { encoding: 'utf8', env: clean, timeout: 30_000 }, (_err, stdout) => resolve(stdout));
    });

  (script ? it : it.skip)('on a terminal: coloured; with NO_COLOR: plain', async () => {
    const coloured = await onTerminal({});
    expect(coloured).toContain(`${ESC}[31mCRITICAL${ESC}[39m`);
    const plainText = await onTerminal({ NO_COLOR: '1' });
    expect(plainText).toContain('CRITICAL');
    expect(plainText).not.toContain(`${ESC}[31m`);
  });
});
