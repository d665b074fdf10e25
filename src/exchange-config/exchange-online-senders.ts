import { EXCHANGE_ONLINE_OUTBOUND } from './exchange-online-ranges';
import { bindingsOverlap, parseIpRange, rangeSize, rangesOverlap } from './ip-ranges';
import type { IpRange, ReceiveConnector } from './types';

/** Exchange Online's published outbound ranges as numbers. */
export const EXCHANGE_ONLINE_RANGES: readonly IpRange[] = [...EXCHANGE_ONLINE_OUTBOUND.ipv4, ...EXCHANGE_ONLINE_OUTBOUND.ipv6].map((text) => {
  const range = parseIpRange(text);
  if (!range) throw new Error(`unreadable Exchange Online range ${text}`);
  return range;
});

type Span = [bigint, bigint];

/**
 * The Exchange Online ranges from which some address reaches `rc` on `port`: covered by one of its
 * RemoteIPRanges entries and not taken by a strictly more specific entry of another enabled
 * connector bound to the same address and port (Exchange picks the most specific entry).
 * An entry as specific as another connector's is kept: which one answers then depends on the
 * local address, so Exchange Online may land on either.
 */
export function exchangeOnlineRangesReaching(rc: ReceiveConnector, all: readonly ReceiveConnector[], port = 25): IpRange[] {
  const rivals = all.filter((other) => other !== rc && other.enabled && sharesBinding(rc, other, port));
  return EXCHANGE_ONLINE_RANGES.filter((exo) =>
    rc.remoteIpRanges.some((entry) => {
      if (!rangesOverlap(entry, exo) || !listensFor(rc, entry.family, port)) return false;
      const size = rangeSize(entry);
      const taken = rivals.flatMap((other) => other.remoteIpRanges.filter((r) => r.family === entry.family && rangeSize(r) < size));
      return remaining([[max(entry.first, exo.first), min(entry.last, exo.last)]], taken).length > 0;
    }),
  );
}

function listensFor(rc: ReceiveConnector, family: 4 | 6, port: number): boolean {
  return rc.bindings.some((b) => b.port === port && b.family === family);
}

function sharesBinding(a: ReceiveConnector, b: ReceiveConnector, port: number): boolean {
  return a.bindings.some((x) => x.port === port && b.bindings.some((y) => bindingsOverlap(x, y)));
}

/** The parts of `spans` that none of `cuts` covers. */
function remaining(spans: Span[], cuts: readonly IpRange[]): Span[] {
  let left = spans;
  for (const cut of cuts) {
    left = left.flatMap(([first, last]): Span[] => {
      if (cut.last < first || cut.first > last) return [[first, last]];
      const parts: Span[] = [];
      if (cut.first > first) parts.push([first, cut.first - 1n]);
      if (cut.last < last) parts.push([cut.last + 1n, last]);
      return parts;
    });
  }
  return left;
}

const max = (a: bigint, b: bigint) => (a > b ? a : b);
const min = (a: bigint, b: bigint) => (a < b ? a : b);
