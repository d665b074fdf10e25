import type { Socket } from 'node:net';
import { probePort, type PortProbeOptions } from '../../src/probe/probe-port';
import { DEFAULT_LIMITS } from '../../src/probe/limits';
import { onLines, startScriptedServer, type ScriptedServer } from '../helpers/scripted-server';

const servers: ScriptedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler: (socket: Socket, received: string[]) => void) {
  const s = await startScriptedServer(handler);
  servers.push(s);
  return s;
}

const quick: Partial<PortProbeOptions> = {
  timeouts: { totalMs: 3000, stepMs: 1000, greetingMs: 1000 },
};

const unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => unhandled.push(e);
beforeAll(() => process.on('unhandledRejection', onUnhandled));
afterAll(() => process.off('unhandledRejection', onUnhandled));
afterEach(() => expect(unhandled).toEqual([]));

describe('probePort against hostile and broken servers', () => {
  it('gives up on a tarpit that accepts and never greets, at the greeting step', async () => {
    const s = await serve(() => undefined);
    const r = await probePort('127.0.0.1', s.port, quick);
    expect(r.error).toMatchObject({ code: 'PROBE_TIMEOUT', step: 'greeting' });
    expect(r.greeting).toBeUndefined();
    expect(r.totalMs).toBeLessThan(3000 + 1000);
  });

  it('waits through a legitimate greet-pause and records how long the greeting took', async () => {
    const s = await serve((socket) => {
      setTimeout(() => socket.write('220 slow.example.test ESMTP\r\n'), 600);
      onLines(socket, (l) => (l.startsWith('EHLO') ? '250-slow.example.test\r\n250 SIZE 1000\r\n' : l === 'QUIT' ? '221 bye\r\n' : undefined));
    });
    const r = await probePort('127.0.0.1', s.port, quick);
    expect(r.error).toBeUndefined();
    expect(r.greetingMs).toBeGreaterThanOrEqual(550);
    expect(r.ehlo?.capabilities).toEqual([{ keyword: 'SIZE', params: ['1000'] }]);
  });

  it('stops reading endless continuation lines', async () => {
    const s = await serve((socket) => {
      socket.write('220 ok\r\n');
      onLines(socket, () => {
        const spam = () => {
          if (socket.destroyed) return;
          socket.write('250-AAAA\r\n'.repeat(100), () => setImmediate(spam));
        };
        spam();
        return undefined;
      });
    });
    const r = await probePort('127.0.0.1', s.port, quick);
    expect(r.error).toMatchObject({ code: 'PROBE_REPLY_TOO_LARGE', step: 'ehlo' });
  });

  it('stops reading a 2 MiB line without CRLF long before it ends', async () => {
    const s = await serve((socket) => {
      socket.write(Buffer.alloc(2 * 1024 * 1024, 'A'));
    });
    const r = await probePort('127.0.0.1', s.port, quick);
    expect(r.error).toMatchObject({ code: 'PROBE_REPLY_TOO_LARGE', step: 'greeting' });
    expect(r.transcript.every((t) => t.text.length < DEFAULT_LIMITS.maxTranscriptText + 100)).toBe(true);
  });

  it('reports binary junk as a protocol error', async () => {
    const s = await serve((socket) => socket.write(Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0x0d, 0x0a])));
    const r = await probePort('127.0.0.1', s.port, quick);
    expect(r.error).toMatchObject({ code: 'PROBE_PROTOCOL_ERROR', step: 'greeting' });
  });

  it('reports a server that hangs up right after EHLO', async () => {
    const s = await serve((socket) => {
      socket.write('220 ok ESMTP\r\n');
      onLines(socket, () => {
        socket.destroy();
        return undefined;
      });
    });
    const r = await probePort('127.0.0.1', s.port, quick);
    expect(r.error).toMatchObject({ code: 'PROBE_CONNECTION_CLOSED', step: 'ehlo' });
  });

  it('takes a 421 greeting as the answer and says nothing more', async () => {
    const s = await serve((socket, received) => {
      socket.write('421 4.7.0 mx.example.test too many connections, try later\r\n');
      setTimeout(() => socket.end(), 200);
      void received;
    });
    const r = await probePort('127.0.0.1', s.port, quick);
    expect(r.greeting).toMatchObject({ code: 421, enhanced: '4.7.0' });
    expect(r.ehlo).toBeUndefined();
    expect(s.received.join('')).toBe('');
  });

  it('falls back to HELO when EHLO is refused', async () => {
    const s = await serve((socket) => {
      socket.write('220 old.example.test SMTP\r\n');
      onLines(socket, (l) =>
        l.startsWith('EHLO') ? '500 5.5.1 command unrecognized\r\n' : l.startsWith('HELO') ? '250 old.example.test\r\n' : '221 bye\r\n',
      );
    });
    const r = await probePort('127.0.0.1', s.port, quick);
    expect(r.error).toBeUndefined();
    expect(r.ehlo).toMatchObject({ command: 'HELO', reply: { code: 250 }, capabilities: [] });
    expect(r.starttls.attempted).toBe(false);
  });

  it('never pipelines: waits for each reply before the next command', async () => {
    let early = false;
    const s = await serve((socket) => {
      socket.write('220 exim.example.test ESMTP Exim 4.95\r\n');
      let answering = false;
      onLines(socket, (l) => {
        if (answering) early = true;
        answering = true;
        setTimeout(() => {
          answering = false;
          socket.write(l.startsWith('EHLO') ? '250-exim.example.test\r\n250 STARTTLS\r\n' : l === 'STARTTLS' ? '454 4.7.0 TLS currently unavailable\r\n' : '221 bye\r\n');
        }, 150);
        return undefined;
      });
    });
    const r = await probePort('127.0.0.1', s.port, quick);
    expect(early).toBe(false);
    expect(r.starttls).toMatchObject({ advertised: true, attempted: true, succeeded: false, reply: { code: 454 } });
    expect(s.received.join('')).toMatch(/^EHLO [^\r]+\r\nSTARTTLS\r\nQUIT\r\n$/);
  });

  it('tries STARTTLS behind an ASA-style mask and records the 500 that proves it was rewritten', async () => {
    const s = await serve((socket) => {
      socket.write('220 ****************************************\r\n');
      onLines(socket, (l) =>
        l.startsWith('EHLO')
          ? '250-mail.example.test Hello\r\n250-SIZE 37748736\r\n250-XXXXXXXA\r\n250 CHUNKING\r\n'
          : l === 'STARTTLS'
            ? '500 5.3.3 Unrecognized command\r\n'
            : '221 bye\r\n',
      );
    });
    const r = await probePort('127.0.0.1', s.port, quick);
    expect(r.starttls).toMatchObject({ advertised: false, attempted: true, succeeded: false, reply: { code: 500 } });
  });

  it('keeps a banner that tries to mention the channel as plain data', async () => {
    const s = await serve((socket) => {
      socket.write('220 <!channel> <https://evil.example|click> ESMTP\r\n');
      onLines(socket, (l) => (l.startsWith('EHLO') ? '250 ok\r\n' : '221 bye\r\n'));
    });
    const r = await probePort('127.0.0.1', s.port, quick);
    expect(r.greeting?.lines).toEqual(['<!channel> <https://evil.example|click> ESMTP']);
  });

  it('ends a probe at once when cancelled', async () => {
    const s = await serve(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const r = await probePort('127.0.0.1', s.port, { ...quick, signal: controller.signal, timeouts: { totalMs: 20_000, stepMs: 20_000, greetingMs: 20_000 } });
    expect(r.error).toMatchObject({ code: 'PROBE_CANCELLED', step: 'greeting' });
    expect(r.totalMs).toBeLessThan(5000);
  });

  it('holds the whole probe to its deadline even when each step is allowed longer', async () => {
    const s = await serve((socket) => {
      socket.write('220-still\r\n');
      const drip = setInterval(() => (socket.destroyed ? clearInterval(drip) : socket.write('220-going\r\n')), 100);
    });
    const r = await probePort('127.0.0.1', s.port, { timeouts: { totalMs: 800, stepMs: 10_000, greetingMs: 10_000 } });
    expect(r.error).toMatchObject({ code: 'PROBE_TIMEOUT', step: 'greeting' });
    expect(r.totalMs).toBeLessThan(3000);
  });
});
