import { formatByteSize } from '../../diagnosis/text';
import type { PortReport, Report } from '../../report/types';
import { bindsPort } from '../receive-connector';
import type { ExchangeConfig, ReceiveConnector } from '../types';

/** What one probed port answered, next to the pasted connectors that could have answered it. */
export interface PortAnswer {
  report: PortReport;
  /** SIZE in bytes; null when SIZE came without a number; undefined when not advertised. */
  size?: number | null;
  /** Enabled pasted connectors bound to the port. */
  bound: ReceiveConnector[];
  /** Those whose MaxMessageSize equals the SIZE advertised. */
  bySize: ReceiveConnector[];
  /** The connector that answered, when SIZE singles it out or only one is bound and SIZE cannot contradict it. */
  answering?: ReceiveConnector;
}

/** Exchange's default MaxMessageSize, which the Default Frontend connector advertises as SIZE. */
export const DEFAULT_SIZE = 37_748_736;

export function advertisedSize(port: PortReport): number | null | undefined {
  const cap = port.capabilities.find((c) => c.keyword.toUpperCase() === 'SIZE');
  if (!cap) return undefined;
  const first = cap.params[0];
  return first !== undefined && /^[0-9]{1,16}$/.test(first) ? Number(first) : null;
}

export function hasCapability(port: PortReport, keyword: string): boolean {
  return port.capabilities.some((c) => c.keyword.toUpperCase() === keyword);
}

export function sizeText(size: number | null | undefined): string {
  if (size === undefined) return 'no SIZE';
  if (size === null || size === 0) return 'SIZE without a limit';
  return `SIZE ${size} (${formatByteSize(size).replace(/ \(.*\)$/, '')})`;
}

/** Ports that answered EHLO, each with its candidate connectors. */
export function portAnswers(report: Report, config: ExchangeConfig): PortAnswer[] {
  return report.ports
    .filter((p) => p.ehloCommand !== undefined)
    .map((p) => {
      const size = advertisedSize(p);
      const bound = config.receiveConnectors.filter((rc) => rc.enabled && bindsPort(rc, p.port));
      const bySize = size === undefined ? [] : bound.filter((rc) => rc.maxMessageSize !== undefined && sameSize(rc.maxMessageSize, size));
      let answering: ReceiveConnector | undefined;
      if (bySize.length === 1) answering = bySize[0];
      else if (bySize.length === 0 && bound.length === 1 && (bound[0].maxMessageSize === undefined || size === undefined)) answering = bound[0];
      return { report: p, size, bound, bySize, answering };
    });
}

function sameSize(max: number | null, size: number | null): boolean {
  // An Unlimited connector advertises SIZE without a number (or 0).
  if (max === null) return size === null || size === 0;
  return max === size;
}
