import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The least Slack Web API for the bench: every POST (any /api/* method, any response_url) gets `ok`. */
export async function startWebApiStandIn(): Promise<{ apiUrl: string; responseUrl: (id: string) => string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end('{"ok":true,"ts":"1.0","channel":"C1"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiUrl: `${base}/api/`,
    responseUrl: (id) => `${base}/response/${id}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
