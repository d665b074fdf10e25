import { performance } from 'node:perf_hooks';
import { Child } from './child';
import { summarize } from './measure';
import { signedSlashCommand } from './slack-command';

export type AckLoad = 'churn' | 'held';

export interface AckLatency {
  mode: 'pool' | 'inline';
  /** churn: the checks keep finishing and restarting; held: they wait on a tarpit the whole time. */
  load: AckLoad;
  inflight: number;
  requests: number;
  p50Ms: number;
  p99Ms: number;
  /** Checks completed by the loaded process during the measurement. */
  checksCompleted: number;
  /** Acknowledgements that were not HTTP 200. */
  failed: number;
}

/**
 * Slack's view of the acknowledgement: signed /starttls requests to the real app, each
 * timed from here until its HTTP answer, while the app's process keeps `inflight` checks
 * running against the fast server. Every command also starts a real check of that server.
 */
const MAX_REQUESTS = 1000;

export async function ackLatency(mode: 'pool' | 'inline', load: AckLoad, serverPort: number, inflight: number, durationMs: number): Promise<AckLatency> {
  const loaded = new Child('ack-load.js', [mode, String(serverPort), String(inflight), load]);
  try {
    const { port, responseUrl } = await loaded.next<{ port: number; responseUrl: string }>('listening');
    // Past the cold start (the first burst of handshakes), so the measurement sees steady churn.
    const before = load === 'churn' ? await steadyState(loaded, inflight, 20_000) : await settle(loaded);
    const latencies: number[] = [];
    let failed = 0;
    const end = performance.now() + durationMs;
    for (let n = 0; n < MAX_REQUESTS && performance.now() < end; n++) {
      const { body, headers } = signedSlashCommand(`127.0.0.1 ${serverPort}`, responseUrl, n);
      const start = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', headers, body });
      await res.text();
      if (res.status === 200) latencies.push(performance.now() - start);
      else failed += 1;
      await new Promise((r) => setTimeout(r, 10));
    }
    const after = await loaded.ask<{ completed: number }>({ type: 'completed' });
    const s = summarize(latencies, 0, durationMs / 1000);
    return { mode, load, inflight, requests: s.completed, p50Ms: s.p50Ms, p99Ms: s.p99Ms, checksCompleted: after.completed - before.completed, failed };
  } finally {
    await loaded.ask({ type: 'stop' }, 60_000).catch(() => undefined);
    loaded.stop();
  }
}

/** Held checks never complete: give their connections a moment to open. */
async function settle(loaded: Child): Promise<{ completed: number }> {
  await new Promise((r) => setTimeout(r, 2000));
  return loaded.ask<{ completed: number }>({ type: 'completed' });
}

async function steadyState(loaded: Child, inflight: number, timeoutMs: number): Promise<{ completed: number }> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const now = await loaded.ask<{ completed: number }>({ type: 'completed' });
    if (now.completed >= inflight || Date.now() > end) return now;
    await new Promise((r) => setTimeout(r, 200));
  }
}
