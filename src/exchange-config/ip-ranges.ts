import { isIP } from 'node:net';
import type { Binding, IpRange } from './types';

/** An IPv4 or IPv6 address as a number, or undefined when it is not one. */
export function ipToBigInt(text: string): { family: 4 | 6; value: bigint } | undefined {
  const family = isIP(text);
  if (family === 4) return { family: 4, value: ipv4ToBigInt(text) };
  if (family === 6) {
    const value = ipv6ToBigInt(text);
    return value === undefined ? undefined : { family: 6, value };
  }
  return undefined;
}

function ipv4ToBigInt(text: string): bigint {
  return text.split('.').reduce((acc, octet) => (acc << 8n) | BigInt(Number(octet)), 0n);
}

function ipv6ToBigInt(text: string): bigint | undefined {
  let address = text.split('%')[0];
  // An embedded IPv4 tail (::ffff:192.0.2.1) becomes two hex groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (v4) {
    const n = ipv4ToBigInt(v4[1]);
    address = `${address.slice(0, -v4[1].length)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - headGroups.length - tailGroups.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return undefined;
  const groups = [...headGroups, ...Array<string>(missing).fill('0'), ...tailGroups];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

const BITS = { 4: 32n, 6: 128n } as const;

/**
 * One RemoteIPRanges entry as Exchange prints or accepts it: a single address,
 * `first-last`, CIDR `192.0.2.0/24`, or `192.0.2.0(255.255.255.0)`.
 */
export function parseIpRange(text: string): IpRange | undefined {
  const t = text.trim();
  const dash = t.indexOf('-');
  if (dash > 0) {
    const first = ipToBigInt(t.slice(0, dash).trim());
    const last = ipToBigInt(t.slice(dash + 1).trim());
    if (!first || !last || first.family !== last.family || first.value > last.value) return undefined;
    return { text: t, family: first.family, first: first.value, last: last.value };
  }
  const cidr = /^([^/()]+)(?:\/(\d{1,3})|\(([^)]+)\))$/.exec(t);
  if (cidr) {
    const base = ipToBigInt(cidr[1].trim());
    if (!base) return undefined;
    const prefix = cidr[2] !== undefined ? Number(cidr[2]) : maskToPrefix(cidr[3], base.family);
    if (prefix === undefined || prefix > Number(BITS[base.family])) return undefined;
    const hostBits = BITS[base.family] - BigInt(prefix);
    const first = (base.value >> hostBits) << hostBits;
    return { text: t, family: base.family, first, last: first + (1n << hostBits) - 1n };
  }
  const single = ipToBigInt(t);
  return single ? { text: t, family: single.family, first: single.value, last: single.value } : undefined;
}

function maskToPrefix(mask: string, family: 4 | 6): number | undefined {
  const m = ipToBigInt(mask.trim());
  if (!m || m.family !== family) return undefined;
  const bits = m.value.toString(2).padStart(Number(BITS[family]), '0');
  if (!/^1*0*$/.test(bits)) return undefined;
  const zero = bits.indexOf('0');
  return zero === -1 ? bits.length : zero;
}

export function rangeSize(r: IpRange): bigint {
  return r.last - r.first + 1n;
}

export function rangesOverlap(a: IpRange, b: IpRange): boolean {
  return a.family === b.family && a.first <= b.last && b.first <= a.last;
}

/** When RemoteIPRanges is absent from the paste, Exchange's default: every address. */
export const ALL_ADDRESSES: readonly IpRange[] = [
  { text: '0.0.0.0-255.255.255.255', family: 4, first: 0n, last: (1n << 32n) - 1n },
  { text: '::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', family: 6, first: 0n, last: (1n << 128n) - 1n },
];

/** A receive connector binding: `0.0.0.0:25`, `[::]:25`, `192.0.2.5:25`, `[2001:db8::5]:25`. */
export function parseBinding(text: string): Binding | undefined {
  const t = text.trim();
  const m = /^(?:\[([^\]]+)\]|([0-9.]+)):(\d{1,5})$/.exec(t);
  if (!m) return undefined;
  const address = m[1] ?? m[2];
  const ip = ipToBigInt(address);
  const port = Number(m[3]);
  if (!ip || port < 1 || port > 65535) return undefined;
  return { address, family: ip.family, port, any: ip.value === 0n };
}

/** Whether two bindings can receive the same connection (same port, same or wildcard address). */
export function bindingsOverlap(a: Binding, b: Binding): boolean {
  if (a.port !== b.port || a.family !== b.family) return false;
  if (a.any || b.any) return true;
  return ipToBigInt(a.address)?.value === ipToBigInt(b.address)?.value;
}
