import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

/** A real SMTP server (the smtp-server package) on an ephemeral loopback port. */
export async function startSmtpServer(options: SMTPServerOptions, host = '127.0.0.1'): Promise<RunningServer> {
  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => callback());
    },
    ...options,
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
