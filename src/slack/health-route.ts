import type { CustomRoute } from '@slack/bolt';
import { OPS_PATHS, serveOps, type OpsEndpoints } from '../metrics/ops-endpoints';

/** GET /healthz, /readyz and /metrics on the app's own port (HTTP mode), for load balancers, orchestrators and Prometheus. */
export function opsRoutes(ops: OpsEndpoints): CustomRoute[] {
  return OPS_PATHS.map((path) => ({
    path,
    method: ['GET'],
    handler: (_req, res) => void serveOps(path, ops, res),
  }));
}
