import type { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';

/**
 * Whether the certificate is valid for `name` under RFC 6125: a wildcard only
 * as the whole left-most label and covering exactly one label; the subject CN
 * only counts when there are no DNS subjectAltNames (OpenSSL's default, which
 * is what MTAs built on it do). IP literals are compared with iPAddress SANs only.
 */
export function matchesName(cert: X509Certificate, name: string): boolean {
  let candidate = name.trim();
  if (candidate.startsWith('[') && candidate.endsWith(']')) candidate = candidate.slice(1, -1);
  if (isIP(candidate)) return safely(() => cert.checkIP(candidate) !== undefined);

  if (candidate.endsWith('.')) candidate = candidate.slice(0, -1);
  candidate = candidate.toLowerCase();
  if (candidate === '' || candidate.startsWith('.')) return false;
  return safely(
    () =>
      cert.checkHost(candidate, {
        subject: 'default',
        wildcards: true,
        partialWildcards: false,
        multiLabelWildcards: false,
        singleLabelSubdomains: false,
      }) !== undefined,
  );
}

function safely(check: () => boolean): boolean {
  try {
    return check();
  } catch {
    // Node throws on names OpenSSL cannot even parse (embedded NUL and such).
    return false;
  }
}
