import { performance } from 'node:perf_hooks';
import { Child } from './child';
import { summarize } from './measure';

export interface AckLatency {
  mode: 'pool' | 'inline';
  inflight: number;
  requests: number;
  p50Ms: number;
  p99Ms: number;
  /** Checks completed by the loaded process during the measurement. */
  checksCompleted: number;
}

/**
 * Latency of a loopback HTTP endpoint that answers at once, in the same process as
 * `inflight` running checks (kept at that level against the fast server), timed from here.
 * The stand-in for the Slack acknowledgement until the Slack app exists.
 */
export async function ackLatency(mode: 'pool' | 'inline', serverPort: number, inflight: number, durationMs: number): Promise<AckLatency> {
  const loaded = new Child('ack-load.js', [mode, String(serverPort), String(inflight)]);
  try {
    const { port } = await loaded.next<{ port: number }>('listening');
    // Past the cold start (the first burst of handshakes), so the measurement sees steady churn.
    const before = await steadyState(loaded, inflight, 20_000);
    const latencies: number[] = [];
    const end = performance.now() + durationMs;
    while (performance.now() < end) {
      const start = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: 'command=%2Fstarttls' });
      await res.text();
      latencies.push(performance.now() - start);
      await new Promise((r) => setTimeout(r, 5));
    }
    const after = await loaded.ask<{ completed: number }>({ type: 'completed' });
    const s = summarize(latencies, 0, durationMs / 1000);
    return { mode, inflight, requests: s.completed, p50Ms: s.p50Ms, p99Ms: s.p99Ms, checksCompleted: after.completed - before.completed };
  } finally {
    await loaded.ask({ type: 'stop' }, 60_000).catch(() => undefined);
    loaded.stop();
  }
}

async function steadyState(loaded: Child, inflight: number, timeoutMs: number): Promise<{ completed: number }> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const now = await loaded.ask<{ completed: number }>({ type: 'completed' });
    if (now.completed >= inflight || Date.now() > end) return now;
    await new Promise((r) => setTimeout(r, 200));
  }
}
