// A minimal, fast STARTTLS server for the benchmark, run as a child process (fork) so
// that it does not share the probing process's event loop. It can hold every
// connection without a greeting (a tarpit) until told to release them.
import * as net from 'node:net';
import * as tls from 'node:tls';
import type { ServerCertificate } from './server-certificate';

export type ToServer = { type: 'release' } | { type: 'hold' } | { type: 'count' };
export type FromServer = { type: 'listening'; port: number } | { type: 'count'; accepted: number; open: number };

export interface FastServerOptions {
  certificate: ServerCertificate;
  /** Start as a tarpit: accept, never greet, until released. */
  hold: boolean;
  /** Offer TLS 1.2 at most (no TLS 1.3, so no session tickets after the handshake). */
  tls12?: boolean;
}

export function startFastServer(options: FastServerOptions): Promise<{ server: net.Server; control: (m: ToServer) => FromServer | void }> {
  const context = tls.createSecureContext({ key: options.certificate.key, cert: options.certificate.cert, ...(options.tls12 ? { maxVersion: 'TLSv1.2' as const } : {}) });
  let holding = options.hold;
  const held: net.Socket[] = [];
  let accepted = 0;
  let open = 0;
  const server = net.createServer({ noDelay: true }, (socket) => {
    accepted += 1;
    open += 1;
    socket.on('close', () => (open -= 1));
    socket.on('error', () => undefined);
    if (holding) held.push(socket);
    else converse(socket, context);
  });
  server.maxConnections = 20_000;
  const control = (m: ToServer): FromServer | void => {
    if (m.type === 'count') return { type: 'count', accepted, open };
    holding = m.type === 'hold';
    if (!holding) for (const socket of held.splice(0)) if (!socket.destroyed) converse(socket, context);
  };
  return new Promise((resolve) => server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () => resolve({ server, control })));
}

/** Greeting, EHLO, STARTTLS, then EHLO and QUIT inside TLS; nothing else. */
function converse(socket: net.Socket, context: tls.SecureContext): void {
  socket.write('220 bench.starttls.test ESMTP fast\r\n');
  const stopPlain = onLines(socket, (line) => {
    if (/^EHLO /i.test(line)) return void socket.write('250-bench.starttls.test\r\n250-PIPELINING\r\n250 STARTTLS\r\n');
    if (/^STARTTLS$/i.test(line)) {
      stopPlain();
      socket.write('220 2.0.0 go ahead\r\n');
      return upgrade(socket, context);
    }
    if (/^QUIT$/i.test(line)) return void socket.end('221 bye\r\n');
    socket.write('502 5.5.2 not here\r\n');
  });
}

function upgrade(socket: net.Socket, context: tls.SecureContext): void {
  const secure = new tls.TLSSocket(socket, { isServer: true, secureContext: context });
  secure.on('error', () => socket.destroy());
  onLines(secure, (line) => {
    if (/^EHLO /i.test(line)) return void secure.write('250-bench.starttls.test\r\n250 SIZE 10485760\r\n');
    if (/^QUIT$/i.test(line)) return void secure.end('221 bye\r\n');
    secure.write('502 5.5.2 not here\r\n');
  });
}

function onLines(socket: net.Socket, handle: (line: string) => void): () => void {
  let buffer = '';
  const onData = (chunk: Buffer) => {
    buffer += chunk.toString('latin1');
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl).replace(/\r$/, '');
      buffer = buffer.slice(nl + 1);
      handle(line);
      if (!listening) return;
    }
    if (buffer.length > 4096) socket.destroy();
  };
  let listening = true;
  socket.on('data', onData);
  return () => {
    listening = false;
    socket.off('data', onData);
  };
}
