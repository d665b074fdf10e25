import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { opsPathOf, serveOps, type OpsEndpoints } from './ops-endpoints';

export interface OpsServer {
  port: number;
  close(): Promise<void>;
}

/** /healthz, /readyz and /metrics on their own port (METRICS_PORT), for Socket Mode where the bot has no HTTP server. */
export async function startOpsServer(ops: OpsEndpoints, port: number, host?: string): Promise<OpsServer> {
  const server: Server = createServer((req, res) => {
    const path = opsPathOf(req);
    if (path === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /healthz, /readyz or /metrics\n');
      return;
    }
    void serveOps(path, ops, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
