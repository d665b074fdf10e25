import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { onLines } from '../helpers/scripted-server';

export interface HoldingServer {
  port: number;
  /** Connections accepted so far, and the most open at any one time. */
  accepted: number;
  open: number;
  maxOpen: number;
  /** Greet everyone held and everyone who connects from now on. */
  release(): void;
  close(): Promise<void>;
}

/**
 * A plain SMTP server (no STARTTLS) that accepts connections but does not greet
 * until released: a tarpit whose concurrency the tests can observe.
 */
export async function startHoldingServer(host = '127.0.0.1'): Promise<HoldingServer> {
  const sockets = new Set<net.Socket>();
  const held: net.Socket[] = [];
  let released = false;
  const greet = (socket: net.Socket) => {
    socket.write('220 hold.example.test ESMTP\r\n');
    onLines(socket, (line) => (/^QUIT/i.test(line) ? '221 bye\r\n' : /^(EHLO|HELO) /i.test(line) ? '250 hold.example.test\r\n' : '502 no\r\n'));
  };
  const state: HoldingServer = {
    port: 0,
    accepted: 0,
    open: 0,
    maxOpen: 0,
    release() {
      released = true;
      for (const s of held.splice(0)) if (!s.destroyed) greet(s);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  const server = net.createServer((socket) => {
    sockets.add(socket);
    state.accepted += 1;
    state.open += 1;
    state.maxOpen = Math.max(state.maxOpen, state.open);
    socket.on('close', () => {
      sockets.delete(socket);
      state.open -= 1;
    });
    socket.on('error', () => undefined);
    if (released) greet(socket);
    else held.push(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  state.port = (server.address() as AddressInfo).port;
  return state;
}

/** Poll until `condition` holds (a few seconds at most): for states reached through other threads. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
