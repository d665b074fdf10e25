/** What a watch remembers between runs (stored as JSON in watch_states). */
export interface WatchState {
  /** Runs in a row with a reachability finding; alerts on them wait for the damping threshold. */
  consecutiveUnreachable: number;
  /** The last conclusive run (not damped): the base for "what changed". */
  lastResultId: number | null;
  /** The last run with no problems: the base an alert's diff is shown against. */
  lastGoodResultId: number | null;
  /** Per port, as last seen when the port answered. */
  ports: Record<string, PortMemory>;
  /** Expiry thresholds (days) already announced, per certificate SHA-1 thumbprint. */
  expiryFired: Record<string, number[]>;
}

export interface PortMemory {
  /** Capabilities as "KEYWORD params", pre-TLS EHLO. */
  capabilities?: string[];
  thumbprint?: string;
  notAfter?: string;
}

export function initialWatchState(): WatchState {
  return { consecutiveUnreachable: 0, lastResultId: null, lastGoodResultId: null, ports: {}, expiryFired: {} };
}
