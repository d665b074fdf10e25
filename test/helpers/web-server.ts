import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

export interface TestWebServer {
  port: number;
  /** Request paths in arrival order. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * An HTTP or (with `tls`) HTTPS server on 127.0.0.1 at an ephemeral port.
 * close() drops open connections too, so a handler that never answers does
 * not keep the test alive.
 */
export async function startWebServer(
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => void,
  tls?: { key: string; cert: string },
): Promise<TestWebServer> {
  const requests: string[] = [];
  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    requests.push(req.url ?? '');
    handler(req, res);
  };
  const server = tls ? https.createServer({ key: tls.key, cert: tls.cert }, listener) : http.createServer(listener);
  server.on('clientError', (_err, socket) => socket.destroy());
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
