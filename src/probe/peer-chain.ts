import type * as tls from 'node:tls';
import type { PeerCertificates } from './types';

/**
 * The served chain as Node walked it, leaf first, and the chain verification's outcome.
 *
 * `detailed` is the chain Node already built for the identity check when the chain verified
 * (see `tlsClientOptions`); otherwise it is built here. Building it is most of what reading the
 * chain costs (OpenSSL 3 copies and re-decodes every certificate, then looks up the issuer among
 * the trust anchors), so a verified chain is read once, not twice.
 */
export function collectPeer(secure: tls.TLSSocket, detailed?: tls.DetailedPeerCertificate): PeerCertificates | undefined {
  const leaf = detailed ?? secure.getPeerCertificate(true);
  if (!leaf || !leaf.raw) return undefined;
  const chainDer: string[] = [];
  const seen = new Set<string>();
  let cert: tls.DetailedPeerCertificate | undefined = leaf;
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
