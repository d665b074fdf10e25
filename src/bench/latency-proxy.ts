import * as net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface LatencyProxy {
  /** Loopback addresses and the port each listens on. */
  listeners: { address: string; port: number }[];
  close: () => Promise<void>;
}

/**
 * A TCP proxy that holds every chunk `delayMs` in each direction before passing it on (close
 * too), in front of a loopback server: a wide-area round trip on loopback. It listens on several
 * 127.0.x.y addresses so that a bulk run sees many hosts (the engine allows two checks per host).
 */
export async function startLatencyProxy(targetPort: number, addresses: string[], delayMs: number): Promise<LatencyProxy> {
  const sockets = new Set<net.Socket>();
  const servers = addresses.map(() =>
    net.createServer((client) => {
      const upstream = net.connect(targetPort, '127.0.0.1');
      for (const s of [client, upstream]) {
        s.setNoDelay(true);
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => undefined);
      }
      relay(client, upstream, delayMs);
      relay(upstream, client, delayMs);
    }),
  );
  const listeners = await Promise.all(
    servers.map(
      (server, i) =>
        new Promise<{ address: string; port: number }>((resolve, reject) => {
          server.once('error', reject);
          server.listen(0, addresses[i], () => resolve({ address: addresses[i], port: (server.address() as AddressInfo).port }));
        }),
    ),
  );
  return {
    listeners,
    close: async () => {
      for (const s of sockets) s.destroy();
      await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    },
  };
}

/** Timers of the same delay fire in the order they were set, so chunks keep their order. */
function relay(from: net.Socket, to: net.Socket, delayMs: number): void {
  from.on('data', (chunk: Buffer) => setTimeout(() => to.writable && to.write(chunk), delayMs));
  from.on('end', () => setTimeout(() => to.end(), delayMs));
  from.on('close', () => setTimeout(() => to.destroy(), delayMs + 1));
}
