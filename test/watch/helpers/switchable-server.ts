import * as net from 'node:net';
import * as tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import { onLines } from '../../helpers/scripted-server';
import type { TestCertificate } from '../../helpers/pki';

/** What the server does; the test changes it between runs. */
export interface Behaviour {
  starttls: boolean;
  certificate: TestCertificate;
  /** EHLO keywords besides STARTTLS. */
  capabilities: string[];
}

export interface SwitchableServer {
  port: number;
  behaviour: Behaviour;
  /** Hold the greeting of every connection (open and new) until release(): runs stay under way. */
  hold(): void;
  release(): void;
  /** The client ports of the connections open now. */
  clientPorts(): number[];
  /** Connections accepted so far. */
  accepted(): number;
  /** The most connections ever open at once. */
  peak(): number;
  /** Stop listening: connections are refused until up(). */
  down(): Promise<void>;
  /** Listen again on the same port. */
  up(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A STARTTLS server on loopback whose behaviour a test flips between watch
 * runs: STARTTLS dropped, another certificate, other capabilities, or gone.
 */
export async function startSwitchableServer(initial: Behaviour, host = '127.0.0.1'): Promise<SwitchableServer> {
  const behaviour = { ...initial };
  const sockets = new Set<net.Socket>();
  let held: (() => void)[] | undefined;
  let accepted = 0;
  let peak = 0;
  const server = net.createServer((socket) => {
    sockets.add(socket);
    accepted++;
    peak = Math.max(peak, sockets.size);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    // The behaviour as it is when the greeting goes out.
    const greet = () => serve(socket, { ...behaviour });
    if (held) held.push(greet);
    else greet();
  });
  const listen = (port: number) => new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const stop = () => new Promise<void>((resolve) => {
    for (const s of sockets) s.destroy();
    server.close(() => resolve());
  });
  await listen(0);
  const port = (server.address() as AddressInfo).port;
  let listening = true;
  return {
    port,
    behaviour,
    hold: () => {
      held ??= [];
    },
    release: () => {
      const waiting = held ?? [];
      held = undefined;
      for (const greet of waiting) greet();
    },
    clientPorts: () => [...sockets].map((s) => s.remotePort).filter((p): p is number => p !== undefined),
    accepted: () => accepted,
    peak: () => peak,
    down: async () => {
      if (listening) await stop();
      listening = false;
    },
    up: async () => {
      if (!listening) await listen(port);
      listening = true;
    },
    close: async () => {
      if (listening) await stop();
      listening = false;
    },
  };
}

function serve(socket: net.Socket, b: Behaviour): void {
  if (socket.destroyed) return;
  const ehlo = (caps: string[]) => ['mx.example.test', ...caps].map((l, i, a) => `250${i === a.length - 1 ? ' ' : '-'}${l}`).join('\r\n') + '\r\n';
  socket.write('220 mx.example.test ESMTP switchable\r\n');
  let upgraded = false;
  onLines(socket, (line) => {
    if (upgraded) return undefined;
    const verb = line.split(' ')[0].toUpperCase();
    if (verb === 'EHLO') return ehlo(b.starttls ? [...b.capabilities, 'STARTTLS'] : b.capabilities);
    if (verb === 'QUIT') return '221 bye\r\n';
    if (verb !== 'STARTTLS' || !b.starttls) return '502 5.5.2 not implemented\r\n';
    upgraded = true;
    socket.write('220 2.0.0 Ready to start TLS\r\n', () => {
      const secure = new tls.TLSSocket(socket, {
        isServer: true,
        secureContext: tls.createSecureContext({ key: b.certificate.keyPem, cert: b.certificate.chainPem }),
      });
      secure.on('error', () => undefined);
      onLines(secure as unknown as net.Socket, (l) => (/^EHLO/i.test(l) ? ehlo(b.capabilities) : /^QUIT/i.test(l) ? '221 bye\r\n' : undefined));
    });
    return undefined;
  });
}
