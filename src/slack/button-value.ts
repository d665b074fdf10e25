import { parseHost, parsePorts } from '../check/parse-target';
import { parseServername } from '../check/servername';

/** What a report button carries: the request, never the report (values are capped at 2000 characters). */
export interface ButtonTarget {
  host: string;
  ports: number[];
  /** Asked for as smtps://: implicit TLS on every port, on Re-run too. */
  implicitTls?: boolean;
  /** --servername of the check, so a re-run asks for the same name. */
  servername?: string;
}

export function encodeButtonValue(target: ButtonTarget): string {
  return JSON.stringify({ h: target.host, p: target.ports, ...(target.implicitTls ? { t: 1 } : {}), ...(target.servername ? { s: target.servername } : {}) });
}

/** Parses a button value back; anything malformed throws TargetError or SyntaxError. */
export function decodeButtonValue(value: string): ButtonTarget {
  const raw = JSON.parse(value) as { h?: unknown; p?: unknown; t?: unknown; s?: unknown };
  if (typeof raw.h !== 'string' || !Array.isArray(raw.p)) throw new SyntaxError('not a report button value');
  if (raw.s !== undefined && typeof raw.s !== 'string') throw new SyntaxError('not a report button value');
  return {
    host: parseHost(raw.h),
    ports: parsePorts(raw.p.map(String)),
    ...(raw.t === 1 ? { implicitTls: true } : {}),
    ...(raw.s !== undefined ? { servername: parseServername(raw.s) } : {}),
  };
}
