import { DEFAULT_LIMITS } from '../../src/probe/limits';
import { ProbeError } from '../../src/probe/errors';
import { ReplyReader } from '../../src/probe/reply-reader';

function reader(limits = DEFAULT_LIMITS) {
  const lines: string[] = [];
  return { r: new ReplyReader(limits, (l) => lines.push(l)), lines };
}

describe('ReplyReader', () => {
  it('assembles a multi-line reply split at arbitrary byte boundaries', () => {
    const { r } = reader();
    const text = '250-mx.example.test Hello\r\n250-SIZE 1000\r\n250 STARTTLS\r\n';
    for (const byte of Buffer.from(text)) {
      expect(r.take()).toBeNull();
      r.push(Buffer.from([byte]), 'ehlo');
    }
    expect(r.take()).toEqual({ code: 250, lines: ['mx.example.test Hello', 'SIZE 1000', 'STARTTLS'] });
  });

  it('skips blank lines inside a reply and accepts bare LF', () => {
    const { r } = reader();
    r.push(Buffer.from('250-one\n\r\n250 two\n'), 'ehlo');
    expect(r.take()).toEqual({ code: 250, lines: ['one', 'two'] });
  });

  it('keeps a UTF-8 character split across two chunks intact', () => {
    const { r } = reader();
    const bytes = Buffer.from('220 mx ESMTP prêt\r\n');
    const cut = bytes.indexOf(0xc3) + 1;
    r.push(bytes.subarray(0, cut), 'greeting');
    r.push(bytes.subarray(cut), 'greeting');
    expect((r.take() as { lines: string[] }).lines).toEqual(['mx ESMTP prêt']);
  });

  it('fails on a line that is not a reply', () => {
    const { r } = reader();
    expect(r.push(Buffer.from('\x00\x01garbage\r\n'), 'greeting')).toBe(false);
    const err = r.take();
    expect(err).toBeInstanceOf(ProbeError);
    expect((err as ProbeError).code).toBe('PROBE_PROTOCOL_ERROR');
    expect((err as ProbeError).message).toContain('??garbage');
  });

  it('fails as soon as a line grows past the limit without CRLF', () => {
    const { r } = reader({ ...DEFAULT_LIMITS, maxLineBytes: 100 });
    expect(r.push(Buffer.alloc(101, 'a'), 'greeting')).toBe(false);
    expect((r.take() as ProbeError).code).toBe('PROBE_REPLY_TOO_LARGE');
  });

  it('fails when one reply has too many lines', () => {
    const { r } = reader({ ...DEFAULT_LIMITS, maxReplyLines: 3 });
    r.push(Buffer.from('250-a\r\n250-b\r\n250-c\r\n250-d\r\n'), 'ehlo');
    expect((r.take() as ProbeError).code).toBe('PROBE_REPLY_TOO_LARGE');
  });

  it('fails when the session exceeds its byte budget', () => {
    const { r } = reader({ ...DEFAULT_LIMITS, maxSessionBytes: 50 });
    r.push(Buffer.from('250-aaaaaaaaaaaaaaaaaaaa\r\n'), 'ehlo');
    r.push(Buffer.from('250-aaaaaaaaaaaaaaaaaaaa\r\n250 x\r\n'), 'ehlo');
    expect((r.take() as ProbeError).code).toBe('PROBE_REPLY_TOO_LARGE');
  });
});
