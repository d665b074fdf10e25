import { isIP } from 'node:net';
import { UserFacingError } from '../starttls-error';

export const DEFAULT_PORTS = [25, 587];
export const MAX_PORTS = 10;

export const TARGET_ERROR_CODES = [
  'TARGET_EMPTY_HOST',
  'TARGET_BAD_HOST',
  'TARGET_BAD_PORT',
  'TARGET_TOO_MANY_PORTS',
] as const;
export type TargetErrorCode = (typeof TARGET_ERROR_CODES)[number];

/** A target the user typed that cannot be probed; the message is one line fit to show them. */
export class TargetError extends UserFacingError<TargetErrorCode> {
  static override readonly codes = TARGET_ERROR_CODES;
}

export interface Target {
  /** Host name in lower case without a trailing dot, or an IP literal without brackets. */
  host: string;
  ports: number[];
  /** Written as `smtps://…`: implicit TLS on every port of this target. */
  implicitTls?: boolean;
}

const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;

export function parseHost(raw: string): string {
  const text = raw.trim();
  if (text === '') throw new TargetError('TARGET_EMPTY_HOST', 'no host given');
  const bracketed = text.startsWith('[') && text.endsWith(']');
  const bare = bracketed ? text.slice(1, -1) : text;
  if (bracketed ? isIP(bare) === 6 : isIP(bare)) return bare.toLowerCase();
  if (bracketed) throw new TargetError('TARGET_BAD_HOST', `not a host name or IP address: ${JSON.stringify(truncate(text))} (brackets hold an IPv6 address)`);
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

/** The port a URL without one means: the scheme's registered port. */
const SCHEME_PORTS: Record<string, number> = { smtp: 25, smtps: 465 };

/**
 * One target as typed: `host`, `host port…`, `host:port`, `[ipv6]:port`, `smtp://host[:port]` or
 * `smtps://host[:port]` (implicit TLS), optionally followed by more ports (spaces and/or commas).
 * Without any port, `defaultPorts`. An unbracketed IPv6 literal is a host, never `host:port`.
 */
export function parseTargetWords(words: string[], defaultPorts: number[] = DEFAULT_PORTS): Target {
  const [first, ...more] = words;
  if (first === undefined) throw new TargetError('TARGET_EMPTY_HOST', 'no host given');
  const head = splitHostPort(first.trim());
  const portWords = [...head.ports, ...more];
  const ports = portWords.some((w) => w.trim() !== '') ? parsePorts(portWords) : [...defaultPorts];
  return { host: parseHost(head.host), ports, ...(head.implicitTls ? { implicitTls: true } : {}) };
}

interface HostPort {
  host: string;
  ports: string[];
  implicitTls?: boolean;
}

function splitHostPort(text: string): HostPort {
  const url = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(text);
  if (url) return splitUrl(url[1].toLowerCase(), url[2], text);
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(text);
  if (bracketed) return { host: `[${bracketed[1]}]`, ports: bracketed[2] === undefined ? [] : [portOrThrow(bracketed[2], text)] };
  const colons = text.split(':').length - 1;
  if (colons === 1) {
    const [host, port] = text.split(':');
    return { host, ports: [portOrThrow(port, text)] };
  }
  return { host: text, ports: [] };
}

function splitUrl(scheme: string, rest: string, text: string): HostPort {
  if (!(scheme in SCHEME_PORTS)) {
    throw new TargetError('TARGET_BAD_HOST', `not an SMTP target: ${JSON.stringify(truncate(text))} (use host, host:port, smtp://host:port or smtps://host:port)`);
  }
  const m = /^(\[[^\]]*\]|[^:/@[\]]*)(?::([^/]*))?\/?$/.exec(rest);
  if (!m) throw new TargetError('TARGET_BAD_HOST', `not an SMTP target: ${JSON.stringify(truncate(text))} (no user name or path: ${scheme}://host:port)`);
  const ports = m[2] === undefined ? [String(SCHEME_PORTS[scheme])] : [portOrThrow(m[2], text)];
  return { host: m[1], ports, ...(scheme === 'smtps' ? { implicitTls: true } : {}) };
}

/** The text after `host:`; an empty one is a typo worth naming rather than a silent default. */
function portOrThrow(port: string, text: string): string {
  if (port === '') throw new TargetError('TARGET_BAD_PORT', `no port after the colon: ${JSON.stringify(truncate(text))}`);
  return port;
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
