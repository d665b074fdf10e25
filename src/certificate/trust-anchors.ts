import { rootCertificates } from 'node:tls';

/**
 * Roots to verify against: Node's bundled roots plus any extra CA PEMs the user named.
 * Undefined keeps Node's default store (which also honours NODE_EXTRA_CA_CERTS).
 */
export function trustAnchors(extraCaPems: string[]): string[] | undefined {
  if (extraCaPems.length === 0) return undefined;
  return [...rootCertificates, ...extraCaPems];
}
