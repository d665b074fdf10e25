import fc from 'fast-check';
import type { Socket } from 'node:net';
import { DEFAULT_LIMITS, DEFAULT_TIMEOUTS } from '../../src/probe/limits';
import { probePort } from '../../src/probe/probe-port';
import { startScriptedServer, type ScriptedServer } from '../helpers/scripted-server';

const CODES = ['PROBE_TIMEOUT', 'PROBE_CONNECTION_CLOSED', 'PROBE_PROTOCOL_ERROR', 'PROBE_REPLY_TOO_LARGE', 'PROBE_TLS_FAILED'];

/** What the hostile server says after each thing the client sends (greeting first), as chunks written one by one. */
interface Script {
  turns: Uint8Array[][];
  /** Close after the last turn instead of going silent. */
  close: boolean;
}

const smtpish = fc
  .array(
    fc.tuple(fc.constantFrom('220', '250', '421', '454', '554', '220-', '250-', 'XYZ', ''), fc.string({ maxLength: 30 }), fc.constantFrom('\r\n', '\n', '\r', '')),
    { maxLength: 6 },
  )
  .map((lines) => Buffer.from(lines.map(([c, t, e]) => `${c}${c.endsWith('-') || c === '' ? '' : ' '}${t}${e}`).join('')));
const turnBytes = fc.oneof(smtpish, fc.uint8Array({ maxLength: 200 }), fc.constant(Buffer.from('250-mx\r\n250 STARTTLS\r\n')), fc.constant(Buffer.from('220 go ahead\r\n')));
const chunks = turnBytes.chain((bytes) =>
  fc.array(fc.nat({ max: bytes.length }), { maxLength: 6 }).map((cuts) => {
    const points = [...new Set(cuts)].sort((a, b) => a - b);
    const out: Uint8Array[] = [];
    let start = 0;
    for (const p of [...points, bytes.length]) {
      out.push(bytes.subarray(start, p));
      start = p;
    }
    return out.filter((c) => c.length > 0);
  }),
);
const script = fc.record({ turns: fc.array(chunks, { minLength: 1, maxLength: 4 }), close: fc.boolean() });

async function writeSlowly(socket: Socket, parts: Uint8Array[]): Promise<void> {
  for (const part of parts) {
    if (socket.destroyed) return;
    socket.write(part);
    // A pause between writes, so the chunks travel as separate TCP segments.
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe('probePort against a server that sends arbitrary bytes in arbitrary segments (fast-check)', () => {
  let server: ScriptedServer;
  let current: Script = { turns: [], close: true };

  beforeAll(async () => {
    server = await startScriptedServer((socket) => {
      socket.setNoDelay(true);
      const turns = [...current.turns];
      const next = async () => {
        const turn = turns.shift();
        if (turn) await writeSlowly(socket, turn);
        if (turns.length === 0 && current.close) socket.end();
      };
      void next();
      socket.on('data', () => void next());
    });
  });
  afterAll(() => server.close());

  it('always resolves with a result, its error (if any) a coded ProbeError, never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(script, async (s) => {
        current = s;
        const result = await probePort('mx.example.test', server.port, {
          address: '127.0.0.1',
          timeouts: { ...DEFAULT_TIMEOUTS, totalMs: 3000, stepMs: 400, greetingMs: 400 },
          limits: { ...DEFAULT_LIMITS, maxLineBytes: 128, maxReplyLines: 8 },
        });
        expect(result.port).toBe(server.port);
        if (result.error) expect(CODES).toContain(result.error.code);
        expect(result.transcript.length).toBeLessThanOrEqual(DEFAULT_LIMITS.maxTranscriptEntries);
        if (result.greeting) expect(result.greeting.code).toBeGreaterThanOrEqual(200);
      }),
      { numRuns: 30 },
    );
  }, 120_000);
});
