import type { Capability, SmtpReply } from './types';

export interface ReplyLine {
  code: number;
  /** True for the last line of a reply: code followed by a space or by nothing. */
  last: boolean;
  text: string;
}

const REPLY_LINE = /^([2-5][0-9][0-9])(?:([ -])(.*))?$/s;
const ENHANCED_CODE = /^([245]\.[0-9]{1,3}\.[0-9]{1,3})(?:\s|$)/;

/** Parse one reply line (CRLF already removed); null when it is not an SMTP reply line. */
export function parseReplyLine(line: string): ReplyLine | null {
  const m = REPLY_LINE.exec(line);
  if (!m) return null;
  return { code: Number(m[1]), last: m[2] !== '-', text: m[3] ?? '' };
}

/** Build a reply from its lines; the enhanced status code comes from the first line. */
export function buildReply(lines: ReplyLine[]): SmtpReply {
  const first = lines[0];
  const enhanced = ENHANCED_CODE.exec(first.text)?.[1];
  return { code: first.code, ...(enhanced ? { enhanced } : {}), lines: lines.map((l) => l.text) };
}

/**
 * Capabilities from an EHLO reply: the first line is the server's name and
 * greeting, each later line one keyword with its parameters (RFC 5321 4.1.1.1).
 */
export function parseCapabilities(reply: SmtpReply): Capability[] {
  const out: Capability[] = [];
  for (const line of reply.lines.slice(1)) {
    const words = line.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) continue;
    out.push({ keyword: words[0].toUpperCase(), params: words.slice(1) });
  }
  return out;
}

export function hasCapability(caps: Capability[] | undefined, keyword: string): boolean {
  return !!caps?.some((c) => c.keyword === keyword);
}

/** Text of a whole reply on one line, for evidence and messages. */
export function replyText(reply: SmtpReply): string {
  return `${reply.code} ${reply.lines.join(' / ')}`.trim();
}

export function isPositive(reply: SmtpReply): boolean {
  return reply.code >= 200 && reply.code < 300;
}
