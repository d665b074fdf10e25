import type { SenderRequirement } from '../diagnosis/sender-impact';
import { DEFAULT_TIMEOUTS } from '../probe/limits';

/** Everything needed to check one host: what a front end hands to the engine. */
export interface CheckRequest {
  host: string;
  /**
   * Connect here instead of resolving host (which still names SNI and the certificate check):
   * the address a policy already approved, or one found through another resolver.
   */
  address?: string;
  ports: number[];
  /**
   * The name senders use for this server (--servername): sent as SNI and the name the certificate
   * must cover, for a target that is an address or another name (a node behind a load balancer).
   */
  servername?: string;
  /** Names the certificate must carry besides the host itself (e.g. the connector's TlsDomain). */
  expectNames: string[];
  ehloName: string;
  /** Deadline for each port's probe. */
  timeoutMs: number;
  /** Extra trust anchors, PEM text. */
  caPems: string[];
  /** Speak implicit TLS on every port; port 465 always does. */
  implicitTls: boolean;
  /** Try STARTTLS even when not advertised. */
  forceStartTls: boolean;
  expiryWarningDays: number;
  /** Also try each TLS version on its own (one short connection per version and port). */
  protocols: boolean;
}

export const IMPLICIT_TLS_PORTS = [465];

export function checkRequest(host: string, ports: number[], overrides: Partial<CheckRequest> = {}): CheckRequest {
  return {
    host,
    ports,
    expectNames: [],
    ehloName: 'starttls-probe.invalid',
    timeoutMs: DEFAULT_TIMEOUTS.totalMs,
    caPems: [],
    implicitTls: false,
    forceStartTls: false,
    expiryWarningDays: 30,
    protocols: false,
    ...overrides,
  };
}

/** What the request itself says about senders: a name they check (--servername, --expect-name). */
export function requestRequirements(request: Pick<CheckRequest, 'servername' | 'expectNames'>): SenderRequirement[] {
  return [
    ...(request.servername ? [{ kind: 'servername' as const, name: request.servername }] : []),
    ...(request.expectNames.length > 0 ? [{ kind: 'expect-name' as const, names: request.expectNames }] : []),
  ];
}
