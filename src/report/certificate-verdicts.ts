import type { CertificateReport } from '../certificate/types';

/**
 * Chain trust and identity, the two separate facts every front end shows about a served
 * certificate. Plain text; front ends escape the names (they come from the user or the server).
 */

export type IdentityVerdict =
  | { state: 'covered' | 'not-covered'; name: string }
  /** The target is an address and no --servername was given: no name judged. */
  | { state: 'not-checked' };

export function identityVerdict(c: CertificateReport): IdentityVerdict {
  // Reports stored before identityName existed judged the probed host (name unknown here).
  const name = c.identityName === undefined ? '' : c.identityName;
  if (name === null || c.nameMatch === null) return { state: 'not-checked' };
  return { state: c.nameMatch ? 'covered' : 'not-covered', name };
}

/** Why the chain is not trusted, most specific first; empty when trusted. */
export function trustReasons(c: CertificateReport): string[] {
  if (c.trusted) return [];
  const reasons = [
    c.selfSigned ? 'self-signed' : '',
    c.trustReason ?? c.trustError ?? '',
    c.chainComplete ? '' : 'intermediate missing',
  ].filter((r) => r !== '');
  return reasons.length > 0 ? reasons : ['unknown reason'];
}

export const NOT_CHECKED_TEXT = 'not checked: probed by address (add --servername NAME)';
