import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
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
      const socket = tls.connect({
        host: '127.0.0.1',
        port,
        servername: options.servername ?? 'mx.example.test',
        ca: options.ca,
        rejectUnauthorized: false,
      });
      socket.once('error', reject);
      socket.once('secureConnect', () => {
        const peer: PeerCertificates = {
          chainDer: walkChain(socket.getPeerCertificate(true)),
          authorized: socket.authorized,
        };
        const reason = verificationCode(socket.authorizationError);
        if (!socket.authorized && reason) peer.authorizationError = reason;
        socket.destroy();
        resolve(peer);
      });
    });
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** Leaf first, following issuerCertificate until it ends or points back (a root points to itself). */
export function walkChain(leaf: tls.DetailedPeerCertificate): string[] {
  const chain: string[] = [];
  const seen = new Set<string>();
  let current: tls.DetailedPeerCertificate | undefined = leaf;
  while (current?.raw && !seen.has(current.fingerprint256)) {
    seen.add(current.fingerprint256);
    chain.push(current.raw.toString('base64'));
    current = current.issuerCertificate;
  }
  return chain;
}

// Typed as Error, but Node sets the OpenSSL code string (e.g. CERT_HAS_EXPIRED).
function verificationCode(reason: unknown): string | undefined {
  if (typeof reason === 'string') return reason;
  if (reason instanceof Error) return (reason as NodeJS.ErrnoException).code ?? reason.message;
  return undefined;
}
