import { run } from '../../src/cli/main';
import { probePort } from '../../src/probe/probe-port';
import type { PortProbeResult } from '../../src/probe/types';
import { onLines, startScriptedServer, type ScriptedServer } from '../helpers/scripted-server';
import { createTestPki } from '../helpers/pki';
import { startSmtpServer, type RunningServer } from '../helpers/smtp-server';

const RUNS = 15;
const timeouts = { totalMs: 8000, stepMs: 3000, greetingMs: 3000 };
const servers: (ScriptedServer | RunningServer)[] = [];
afterAll(() => Promise.all(servers.map((s) => s.close())));

/** What a person sees of the outcome: the same on every run, or the test fails. */
function outcome(r: PortProbeResult) {
  return { error: r.error, plainText: r.plainTextInsteadOfTls };
}

async function repeated(port: number, implicitTls: boolean) {
  const seen = [];
  for (let i = 0; i < RUNS; i++) seen.push(outcome(await probePort('127.0.0.1', port, { implicitTls, timeouts })));
  return seen;
}

/** A plain SMTP server that greets as soon as the connection is up and answers 500 to anything it cannot parse. */
async function plainSmtp(): Promise<ScriptedServer> {
  const s = await startScriptedServer((socket) => {
    socket.write('220 plain.example.test ESMTP Postfix\r\n');
    onLines(socket, (line) => (/^EHLO/i.test(line) ? '250-plain.example.test\r\n250 STARTTLS\r\n' : /^QUIT/i.test(line) ? '221 2.0.0 Bye\r\n' : '500 5.5.2 Error: command not recognized\r\n'));
  });
  servers.push(s);
  return s;
}

/** A STARTTLS server that says 220 to STARTTLS and then goes on in plain text, `after` deciding how; `onConnection` hears of every TCP connection. */
async function lyingStartTls(after: (socket: import('node:net').Socket) => void, onConnection = () => undefined): Promise<number> {
  const s = await startScriptedServer((socket) => {
    onConnection();
    socket.write('220 liar.example.test ESMTP\r\n');
    let tls = false;
    onLines(socket, (line) => {
      if (tls) return undefined;
      if (/^EHLO/i.test(line)) return '250-liar.example.test\r\n250 STARTTLS\r\n';
      if (line !== 'STARTTLS') return '502 5.5.2 no\r\n';
      tls = true;
      after(socket);
      return undefined;
    });
  });
  servers.push(s);
  return s.port;
}

describe('plain text where TLS is due, on real loopback servers: the same outcome on every run', () => {
  it('--tls on a plain SMTP port that greets at once (as Postfix does): plain text, the greeting as evidence', async () => {
    const plain = await plainSmtp();
    const seen = await repeated(plain.port, true);
    expect(new Set(seen.map((o) => JSON.stringify(o))).size).toBe(1);
    expect(seen[0]).toEqual({
      error: { code: 'PROBE_TLS_FAILED', step: 'tls-handshake', message: 'the server answered in plain text instead of a TLS handshake' },
      plainText: '220 plain.example.test ESMTP Postfix',
    });
  });

  it('--tls on smtp-server, which holds its greeting and refuses early talkers: its 421 is the plain text', async () => {
    const early = await startSmtpServer({ name: 'early.example.test', disabledCommands: ['STARTTLS'] });
    servers.push(early);
    const seen = await repeated(early.port, true);
    expect(new Set(seen.map((o) => JSON.stringify(o))).size).toBe(1);
    expect(seen[0].error?.message).toBe('the server answered in plain text instead of a TLS handshake');
    expect(seen[0].plainText).toMatch(/^(220|421) early\.example\.test/);
  });

  it('STARTTLS answered 220, then a 500 to the ClientHello and a hang-up', async () => {
    const port = await lyingStartTls((socket) => {
      socket.write('220 2.0.0 go ahead\r\n');
      socket.once('data', () => socket.end('500 5.5.1 Command unrecognized\r\n'));
    });
    const seen = await repeated(port, false);
    expect(new Set(seen.map((o) => JSON.stringify(o))).size).toBe(1);
    expect(seen[0]).toEqual({
      error: { code: 'PROBE_TLS_FAILED', step: 'tls-handshake', message: 'the server answered in plain text instead of a TLS handshake' },
      plainText: '500 5.5.1 Command unrecognized',
    });
  });

  it('STARTTLS answered 220 and plain text right after it, in the same or the next TCP segment', async () => {
    let n = 0;
    const port = await lyingStartTls((socket) => {
      // Alternate: both in one write, or the second line a moment later (after the probe may have started TLS).
      if (n++ % 2 === 0) socket.end('220 2.0.0 go ahead\r\n250 still plain text\r\n');
      else {
        socket.write('220 2.0.0 go ahead\r\n');
        setImmediate(() => socket.end('250 still plain text\r\n'));
      }
    });
    const seen = await repeated(port, false);
    expect(new Set(seen.map((o) => JSON.stringify(o))).size).toBe(1);
    expect(seen[0].plainText).toBe('250 still plain text');
  });

  it('a server that hangs up during the handshake gets one readable message, no OpenSSL internals', async () => {
    const port = await lyingStartTls((socket) => {
      socket.write('220 2.0.0 go ahead\r\n');
      socket.once('data', () => socket.destroy());
    });
    const seen = await repeated(port, false);
    expect(new Set(seen.map((o) => JSON.stringify(o))).size).toBe(1);
    expect(seen[0]).toEqual({ error: { code: 'PROBE_TLS_FAILED', step: 'tls-handshake', message: 'the server closed the connection during the TLS handshake' }, plainText: undefined });
  });
});

describe('the CLI on a --tls probe of a plain SMTP port', () => {
  it('says the port speaks plain SMTP and to probe without --tls, the same in text, JSON and blocks, with clean evidence', async () => {
    const plain = await plainSmtp();
    const outputs: string[] = [];
    const codes: number[] = [];
    for (const format of [[], ['--json'], ['--blocks']]) {
      const out: string[] = [];
      codes.push(await run(['probe', '127.0.0.1', String(plain.port), '--tls', ...format], { out: (t) => out.push(t), err: () => undefined }));
      outputs.push(out.join(''));
    }
    const [text, json, blocks] = outputs;
    const title = `Port ${plain.port} speaks plain SMTP (STARTTLS), not implicit TLS: probe it without --tls`;
    expect(codes).toEqual([3, 3, 3]);
    expect(text).toMatch(/^127\.0\.0\.1 {2}UNKNOWN/);
    expect(text).toContain(title);
    expect(text).toContain(`$ starttls probe 127.0.0.1 ${plain.port}`);
    expect(text).not.toMatch(/version|Exchange|certificate|\\x0a|ssl3_|\.c:\d+/);
    const report = JSON.parse(json);
    expect(report.verdict).toBe('unknown');
    expect(report.findings.map((f: { id: string; title: string }) => [f.id, f.title])).toEqual([['smtp-not-testable', title]]);
    expect(report.ports[0].plainTextInsteadOfTls).toBe('220 plain.example.test ESMTP Postfix');
    expect(blocks).toContain(title);
  });
});

describe('the plain-text evidence is kept by a second look, only when the handshake failed the way plain text makes it fail', () => {
  /** A lying STARTTLS server (see lyingStartTls) that counts its TCP connections. */
  async function counted(after: (socket: import('node:net').Socket) => void) {
    let connections = 0;
    const port = await lyingStartTls(after, () => void connections++);
    return { port, connections: () => connections };
  }

  it('a 500 to the ClientHello: two connections, the second keeps the text, and the transcript says why it was made', async () => {
    const server = await counted((socket) => {
      socket.write('220 2.0.0 go ahead\r\n');
      socket.once('data', () => socket.write('500 5.5.1 Command unrecognized\r\n'));
    });
    const r = await probePort('127.0.0.1', server.port, { timeouts });
    expect(server.connections()).toBe(2);
    expect(r.plainTextInsteadOfTls).toBe('500 5.5.1 Command unrecognized');
    expect(r.transcript[0]).toMatchObject({ dir: 'info', text: expect.stringMatching(/^the TLS handshake failed \(.+\) as it does when the server sends something other than TLS: connecting again/) });
  });

  it('a healthy STARTTLS server (smtp-server, a test certificate) is connected to once', async () => {
    const leaf = createTestPki().goodLeaf();
    let connections = 0;
    const healthy = await startSmtpServer({ name: 'mx.example.test', key: leaf.keyPem, cert: leaf.chainPem, onConnect: (_session, callback) => (connections++, callback()) });
    servers.push(healthy);
    const r = await probePort('127.0.0.1', healthy.port, { timeouts });
    expect(r.starttls.succeeded).toBe(true);
    expect(connections).toBe(1);
  });

  it('a TLS alert in answer to the ClientHello is TLS: one connection, OpenSSL\'s reason as the message', async () => {
    const server = await counted((socket) => {
      socket.write('220 2.0.0 go ahead\r\n');
      // A fatal handshake_failure alert record (TLS 1.2 framing), then the hang-up.
      socket.once('data', () => socket.end(Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28])));
    });
    const r = await probePort('127.0.0.1', server.port, { timeouts });
    expect(server.connections()).toBe(1);
    expect(r.error).toEqual({ code: 'PROBE_TLS_FAILED', step: 'tls-handshake', message: expect.stringMatching(/alert handshake failure/) });
    expect(r.plainTextInsteadOfTls).toBeUndefined();
  });

  it('a hang-up during the handshake: looked at again, no plain text, the first outcome stands and the transcript says so', async () => {
    const server = await counted((socket) => {
      socket.write('220 2.0.0 go ahead\r\n');
      socket.once('data', () => socket.destroy());
    });
    const r = await probePort('127.0.0.1', server.port, { timeouts });
    expect(server.connections()).toBe(2);
    expect(r.error?.message).toBe('the server closed the connection during the TLS handshake');
    expect(r.transcript.at(-1)?.text).toBe('connected again, keeping what the server sends where TLS is due: no plain text (PROBE_TLS_FAILED at tls-handshake)');
  });

  it('a probe cancelled during the handshake is not looked at again: one connection, cancelled', async () => {
    const controller = new AbortController();
    const server = await counted((socket) => {
      socket.write('220 2.0.0 go ahead\r\n');
      // The ClientHello arrived: cancel while the handshake waits for an answer that never comes.
      socket.once('data', () => controller.abort());
    });
    const r = await probePort('127.0.0.1', server.port, { timeouts, signal: controller.signal });
    expect(r.error?.code).toBe('PROBE_CANCELLED');
    expect(server.connections()).toBe(1);
  });
});
