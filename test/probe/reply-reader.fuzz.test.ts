import fc from 'fast-check';
import { ProbeError } from '../../src/probe/errors';
import { DEFAULT_LIMITS, type ProbeLimits } from '../../src/probe/limits';
import { parseCapabilities, parseReplyLine, replyText } from '../../src/probe/reply-parser';
import { ReplyReader } from '../../src/probe/reply-reader';
import type { SmtpReply } from '../../src/probe/types';

/** Small limits, so that random input reaches every one of them. */
const LIMITS: ProbeLimits = { ...DEFAULT_LIMITS, maxLineBytes: 64, maxReplyLines: 6, maxSessionBytes: 2048 };

interface Outcome {
  lines: string[];
  replies: SmtpReply[];
  error?: { code: string; step: string };
}

/** Feed chunks as a socket would, then take every reply and the failure, if any. */
function feed(chunks: Uint8Array[], limits = LIMITS): Outcome {
  const lines: string[] = [];
  const reader = new ReplyReader(limits, (line) => lines.push(line));
  for (const chunk of chunks) if (!reader.push(Buffer.from(chunk), 'ehlo')) break;
  const replies: SmtpReply[] = [];
  for (let next = reader.take(); next !== null; next = reader.take()) {
    if (next instanceof ProbeError) return { lines, replies, error: { code: next.code, step: next.step } };
    replies.push(next);
  }
  return { lines, replies };
}

/** Cut bytes at the given offsets (any order, repeats allowed). */
function segment(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => (bytes.length === 0 ? 0 : c % (bytes.length + 1))))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let start = 0;
  for (const p of [...points, bytes.length]) {
    out.push(bytes.subarray(start, p));
    start = p;
  }
  return out;
}

// Server output that is mostly SMTP-shaped, with hostile pieces: bad codes, lone CR, NUL, long
// lines, invalid UTF-8, blank lines, many continuation lines.
const code = fc.oneof(fc.constantFrom('220', '250', '421', '454', '554', '199', '600', '25', '2500'), fc.stringMatching(/^[0-9]{3}$/));
const text = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 80 }), fc.constantFrom('', ' ', 'STARTTLS', 'SIZE 1000', '\r', '\u0000', 'é', '\ufffd'));
const line = fc.tuple(code, fc.constantFrom(' ', '-', '', '\t'), text).map(([c, sep, t]) => `${c}${sep}${t}`);
const eol = fc.constantFrom('\r\n', '\n', '\r', '');
const smtpText = fc.array(fc.tuple(line, eol).map(([l, e]) => l + e), { maxLength: 12 }).map((ls) => Buffer.from(ls.join('')));
const invalidUtf8 = fc.array(fc.constantFrom(0xc3, 0xa9, 0xff, 0xe2, 0x82, 0x0d, 0x0a, 0x20, 0x32, 0x35, 0x30), { maxLength: 200 }).map((b) => Uint8Array.from(b));
const highBytes = fc.array(fc.integer({ min: 0x80, max: 0xff }), { maxLength: 60 }).map((b) => Uint8Array.from(b));
const serverBytes = fc.oneof(
  fc.uint8Array({ maxLength: 400 }),
  smtpText,
  invalidUtf8,
  fc.tuple(smtpText, invalidUtf8, smtpText).map((parts) => Buffer.concat(parts)),
  fc.tuple(smtpText, highBytes).map((parts) => Buffer.concat(parts)),
);
const cuts = fc.array(fc.nat(), { maxLength: 40 });

describe('ReplyReader against arbitrary bytes (fast-check)', () => {
  it('always ends with replies and at most one coded ProbeError, within every limit', () => {
    fc.assert(
      fc.property(serverBytes, cuts, (bytes, at) => {
        const out = feed(segment(bytes, at));
        if (out.error) expect(['PROBE_PROTOCOL_ERROR', 'PROBE_REPLY_TOO_LARGE']).toContain(out.error.code);
        for (const reply of out.replies) {
          expect(reply.code).toBeGreaterThanOrEqual(200);
          expect(reply.code).toBeLessThanOrEqual(599);
          expect(reply.lines.length).toBeGreaterThan(0);
          expect(reply.lines.length).toBeLessThanOrEqual(LIMITS.maxReplyLines);
          for (const l of reply.lines) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(LIMITS.maxLineBytes);
          expect(() => parseCapabilities(reply)).not.toThrow();
          expect(typeof replyText(reply)).toBe('string');
        }
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same replies, lines and error code however TCP segments the bytes', () => {
    fc.assert(
      fc.property(serverBytes, cuts, (bytes, at) => {
        expect(feed(segment(bytes, at))).toEqual(feed([bytes]));
      }),
      { numRuns: 400 },
    );
  });

  it('judges an unfinished line by its decoded length wherever the bytes were cut', () => {
    const tail = Buffer.alloc(25, 0xff); // 25 raw bytes, 75 once each became U+FFFD
    const bytes = Buffer.concat([Buffer.from('250 a\n'), tail]);
    expect(feed([bytes]).error?.code).toBe('PROBE_REPLY_TOO_LARGE');
    expect(feed([bytes.subarray(0, 6), tail])).toEqual(feed([bytes]));
  });

  it('stops at the session byte limit with PROBE_REPLY_TOO_LARGE', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: LIMITS.maxSessionBytes + 1, maxLength: LIMITS.maxSessionBytes * 2 }), cuts, (bytes, at) => {
        const out = feed(segment(bytes, at));
        expect(out.error?.code).toBeDefined();
      }),
      { numRuns: 50 },
    );
  });

  it('parseReplyLine never throws and only accepts a three-digit code from 200 to 599', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), line), (l) => {
        const parsed = parseReplyLine(l);
        if (parsed) {
          expect(parsed.code).toBeGreaterThanOrEqual(200);
          expect(parsed.code).toBeLessThanOrEqual(599);
          expect(l.startsWith(String(parsed.code))).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
