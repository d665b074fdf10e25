import { isIP } from 'node:net';

export const DEFAULT_PORTS = [25, 587];
export const MAX_PORTS = 10;

export type TargetErrorCode = 'TARGET_EMPTY_HOST' | 'TARGET_BAD_HOST' | 'TARGET_BAD_PORT' | 'TARGET_TOO_MANY_PORTS';

/** A target the user typed that cannot be probed; the message is one line fit to show them. */
export class TargetError extends Error {
  constructor(
    readonly code: TargetErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TargetError';
  }
}

export interface Target {
  /** Host name in lower case without a trailing dot, or an IP literal without brackets. */
  host: string;
  ports: number[];
}

const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;

export function parseHost(raw: string): string {
  const text = raw.trim();
  if (text === '') throw new TargetError('TARGET_EMPTY_HOST', 'no host given');
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (isIP(bare)) return bare.toLowerCase();
  const name = bare.toLowerCase().replace(/\.$/, '');
  const labels = name.split('.');
  if (name.length > 253 || !labels.every((l) => LABEL.test(l)) || /^[0-9.]+$/.test(name)) {
    throw new TargetError('TARGET_BAD_HOST', `not a host name or IP address: ${JSON.stringify(truncate(text))}`);
  }
  return name;
}

/** Ports given as separate words and/or comma-separated lists, e.g. ["25,587", "465"]. */
export function parsePorts(words: string[]): number[] {
  const items = words.flatMap((w) => w.split(',')).map((w) => w.trim()).filter(Boolean);
  if (items.length === 0) return [...DEFAULT_PORTS];
  const ports: number[] = [];
  for (const item of items) {
    const n = /^[0-9]{1,5}$/.test(item) ? Number(item) : NaN;
    if (!Number.isInteger(n) || n < 1 || n > 65535) {
      throw new TargetError('TARGET_BAD_PORT', `not a port number (1-65535): ${JSON.stringify(truncate(item))}`);
    }
    if (!ports.includes(n)) ports.push(n);
  }
  if (ports.length > MAX_PORTS) throw new TargetError('TARGET_TOO_MANY_PORTS', `at most ${MAX_PORTS} ports per check`);
  return ports;
}

export function parseTarget(host: string, portWords: string[]): Target {
  return { host: parseHost(host), ports: parsePorts(portWords) };
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
