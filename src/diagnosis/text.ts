import type { SmtpReply } from '../probe/types';

/** Longest piece of server-sent text quoted in evidence. */
export const MAX_QUOTED_TEXT = 200;

/**
 * Server-sent text made safe to quote as plain text: control characters shown as \xNN,
 * long text cut with an ellipsis. Escaping for Slack or HTML stays with the renderer.
 */
export function serverText(text: string, max = MAX_QUOTED_TEXT): string {
  const visible = text.replace(
    /[\u0000-\u001f\u007f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
  return visible.length > max ? `${visible.slice(0, max - 1)}…` : visible;
}

/** "454 4.7.0 TLS not available due to local problem"; lines after the first joined with " / ". */
export function formatReply(reply: SmtpReply, maxLines = 3): string {
  const shown = reply.lines.slice(0, maxLines).map((line) => serverText(line));
  if (reply.lines.length > maxLines) shown.push('…');
  const text = shown.join(' / ').trim();
  return text ? `${reply.code} ${text}` : String(reply.code);
}

/** "port 25", "ports 25 and 587", "ports 25, 465 and 587". */
export function formatPorts(ports: readonly number[]): string {
  const sorted = [...new Set(ports)].sort((a, b) => a - b);
  if (sorted.length === 1) return `port ${sorted[0]}`;
  const head = sorted.slice(0, -1).join(', ');
  return `ports ${head} and ${sorted[sorted.length - 1]}`;
}

/** "Port 25" / "Ports 25 and 587", for the start of a title. */
export function formatPortsTitle(ports: readonly number[]): string {
  const text = formatPorts(ports);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** 62423040 -> "59.53 MB" (binary megabytes, as Exchange counts them). */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? String(mb) : mb.toFixed(2)} MB`;
}

/** 62423040 -> "59.53 MB (62,423,040 bytes)", the way Exchange prints MaxMessageSize. */
export function formatByteSize(bytes: number): string {
  const grouped = String(Math.trunc(bytes)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${formatMegabytes(bytes)} (${grouped} bytes)`;
}

/** Whole days as "1 day" / "12 days". */
export function formatDays(days: number): string {
  const n = Math.abs(days);
  return `${n} day${n === 1 ? '' : 's'}`;
}
