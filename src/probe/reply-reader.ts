import { StringDecoder } from 'node:string_decoder';
import { ProbeError } from './errors';
import type { ProbeLimits } from './limits';
import { buildReply, parseReplyLine, type ReplyLine } from './reply-parser';
import type { ProbeStep, SmtpReply } from './types';

/**
 * Assembles SMTP replies from raw socket chunks, whatever the TCP segmentation,
 * and enforces the line, reply and session byte limits as data arrives.
 */
export class ReplyReader {
  private decoder = new StringDecoder('utf8');
  private partial = '';
  private current: ReplyLine[] = [];
  private ready: SmtpReply[] = [];
  private sessionBytes = 0;
  private failure: ProbeError | null = null;

  constructor(
    private readonly limits: ProbeLimits,
    private readonly onLine: (line: string) => void,
  ) {}

  /** Feed bytes; returns false once the reader has failed and the connection should be dropped. */
  push(chunk: Buffer, step: ProbeStep): boolean {
    if (this.failure) return false;
    this.sessionBytes += chunk.length;
    if (this.sessionBytes > this.limits.maxSessionBytes) {
      return this.fail('PROBE_REPLY_TOO_LARGE', step, `server sent more than ${this.limits.maxSessionBytes} bytes`);
    }
    this.partial += this.decoder.write(chunk);
    return this.drainLines(step);
  }

  /** Next complete reply, or the failure that ended reading, or null when none is ready yet. */
  take(): SmtpReply | ProbeError | null {
    if (this.ready.length > 0) return this.ready.shift()!;
    return this.failure;
  }

  /** Text received after the last complete line, not yet a line. */
  pendingText(): string {
    return this.partial;
  }

  /** Drop anything buffered; used when the byte stream changes to TLS. */
  reset(): boolean {
    const hadData = this.partial.length > 0 || this.current.length > 0 || this.ready.length > 0;
    this.decoder = new StringDecoder('utf8');
    this.partial = '';
    this.current = [];
    this.ready = [];
    return hadData;
  }

  private drainLines(step: ProbeStep): boolean {
    let nl: number;
    while ((nl = this.partial.indexOf('\n')) >= 0) {
      const line = this.partial.slice(0, nl).replace(/\r$/, '');
      this.partial = this.partial.slice(nl + 1);
      if (!this.acceptLine(line, step)) return false;
    }
    // Measured as decoded, like complete lines, so the outcome does not depend on where TCP cut the bytes.
    if (Buffer.byteLength(this.partial) > this.limits.maxLineBytes) {
      return this.fail('PROBE_REPLY_TOO_LARGE', step, `reply line longer than ${this.limits.maxLineBytes} bytes without CRLF`);
    }
    return true;
  }

  private acceptLine(line: string, step: ProbeStep): boolean {
    if (Buffer.byteLength(line) > this.limits.maxLineBytes) {
      return this.fail('PROBE_REPLY_TOO_LARGE', step, `reply line longer than ${this.limits.maxLineBytes} bytes`);
    }
    // Some servers emit an empty line inside a multi-line reply; it carries nothing.
    if (line.trim() === '') return true;
    this.onLine(line);
    const parsed = parseReplyLine(line);
    if (!parsed) {
      return this.fail('PROBE_PROTOCOL_ERROR', step, `not an SMTP reply line: ${printable(line)}`);
    }
    this.current.push(parsed);
    if (this.current.length > this.limits.maxReplyLines) {
      return this.fail('PROBE_REPLY_TOO_LARGE', step, `reply has more than ${this.limits.maxReplyLines} lines`);
    }
    if (parsed.last) {
      this.ready.push(buildReply(this.current));
      this.current = [];
    }
    return true;
  }

  private fail(code: ProbeError['code'], step: ProbeStep, message: string): false {
    this.failure = new ProbeError(code, step, message);
    this.partial = '';
    this.current = [];
    return false;
  }
}

/** A short, printable rendering of untrusted text for error messages. */
export function printable(text: string, max = 80): string {
  const clean = text.replace(/[\x00-\x1f\x7f-\x9f\ufffd]/g, '?');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
