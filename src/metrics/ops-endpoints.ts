import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BotMetrics } from './bot-metrics';
import { readiness, type ReadinessCheck } from './readiness';

/** What /healthz, /readyz and /metrics report. */
export interface OpsEndpoints {
  readiness: ReadinessCheck[];
  /** Absent: /metrics answers 404. */
  metrics?: BotMetrics;
}

export const OPS_PATHS = ['/healthz', '/readyz', '/metrics'] as const;
export type OpsPath = (typeof OPS_PATHS)[number];

/**
 * /healthz: the process is alive (200 while it can answer at all).
 * /readyz: 200 when every dependency answers, else 503 with the reasons (JSON).
 * /metrics: Prometheus text format.
 */
export async function serveOps(path: OpsPath, ops: OpsEndpoints, res: ServerResponse): Promise<void> {
  try {
    if (path === '/healthz') return json(res, 200, { ok: true });
    if (path === '/readyz') {
      const result = await readiness(ops.readiness);
      return json(res, result.ready ? 200 : 503, result);
    }
    if (!ops.metrics) return json(res, 404, { error: 'metrics are not enabled' });
    const body = await ops.metrics.text();
    res.writeHead(200, { 'content-type': ops.metrics.contentType });
    res.end(body);
  } catch (err) {
    json(res, 500, { error: err instanceof Error ? err.message : String(err) });
  }
}

/** For a plain node:http server: the ops path this GET asks for, if any. */
export function opsPathOf(req: IncomingMessage): OpsPath | undefined {
  if (req.method !== 'GET' && req.method !== 'HEAD') return undefined;
  const path = (req.url ?? '').split('?')[0];
  return (OPS_PATHS as readonly string[]).includes(path) ? (path as OpsPath) : undefined;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
