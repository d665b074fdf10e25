import type * as tls from 'node:tls';
import type { PeerCertificates } from './types';

/**
 * The served chain as Node walked it, leaf first, and the chain verification's outcome.
 *
 * Node's detailed chain costs about a quarter of a millisecond per certificate (OpenSSL 3.0 copies
 * and re-decodes each one), so it is built at most once and only when it can hold more than the leaf:
 * - `detailed`: the chain Node already built for the identity check, which it does when the chain
 *   verified (see `tlsClientOptions`);
 * - a self-signed leaf that is not a trust anchor (OpenSSL's DEPTH_ZERO_SELF_SIGNED_CERT) is the
 *   whole chain: nothing the server sent can have issued it, and no trust anchor did;
 * - otherwise the detailed chain is built here.
 */
export function collectPeer(secure: tls.TLSSocket, detailed?: tls.DetailedPeerCertificate): PeerCertificates | undefined {
  const leaf = detailed ?? (isSelfSignedAlone(secure) ? secure.getPeerCertificate(false) : secure.getPeerCertificate(true));
  if (!leaf || !leaf.raw) return undefined;
  const chainDer: string[] = [];
  const seen = new Set<string>();
  let cert: tls.DetailedPeerCertificate | undefined = leaf as tls.DetailedPeerCertificate;
  while (cert?.raw && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    chainDer.push(cert.raw.toString('base64'));
    cert = cert.issuerCertificate;
  }
  const authError = secure.authorizationError as unknown as string | Error | null;
  return {
    chainDer,
    authorized: secure.authorized,
    ...(authError ? { authorizationError: typeof authError === 'string' ? authError : (authError as Error & { code?: string }).code ?? authError.message } : {}),
  };
}

function isSelfSignedAlone(secure: tls.TLSSocket): boolean {
  return (secure.authorizationError as unknown) === 'DEPTH_ZERO_SELF_SIGNED_CERT';
}
