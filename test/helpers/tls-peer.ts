import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { collectPeer } from '../../src/probe/peer-chain';
import { tlsClientOptions } from '../../src/probe/smtp-connection';
import type { PeerCertificates } from '../../src/probe/types';

export interface LoopbackHandshakeOptions {
  /** Server side: private key and the PEM it serves (leaf, then whatever chain it sends). */
  key: string;
  cert: string;
  /** Client side: trusted roots; Node's bundled store when omitted. */
  ca?: string[];
  servername?: string;
  /** OpenSSL cipher string for the server, e.g. 'DEFAULT:@SECLEVEL=0' to serve a SHA-1 or 1024-bit certificate. */
  serverCiphers?: string;
}

/**
 * Serves `cert` from a TLS server on 127.0.0.1, connects to it without
 * rejecting, and returns what the client saw in PeerCertificates form: the
 * verification outcome and the chain Node walked, leaf first.
 */
export async function handshakeOnLoopback(options: LoopbackHandshakeOptions): Promise<PeerCertificates> {
  const server = tls.createServer(
    { key: options.key, cert: options.cert, ...(options.serverCiphers ? { ciphers: options.serverCiphers } : {}) },
    (socket) => socket.end(),
  );
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  try {
    return await new Promise<PeerCertificates>((resolve, reject) => {
      // The probe's own client settings and chain reading, so these tests judge what the probe sees.
      const socket = tls.connect({ ...tlsClientOptions({ host: '127.0.0.1', servername: options.servername ?? 'mx.example.test', ca: options.ca }), port });
      socket.once('error', reject);
      socket.once('secureConnect', () => {
        const peer = collectPeer(socket);
        socket.destroy();
        if (!peer) return reject(new Error('no peer certificate'));
        resolve(peer);
      });
    });
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
