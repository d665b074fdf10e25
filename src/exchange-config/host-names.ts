import { isIP } from 'node:net';

function canonical(name: string): string {
  const n = name.trim().toLowerCase();
  return n.endsWith('.') ? n.slice(0, -1) : n;
}

/**
 * Whether a certificate name covers a host name under RFC 6125: exact, or a wildcard that is
 * the whole left-most label and stands for exactly one label (`*.contoso.com` covers
 * `mail.contoso.com`, not `contoso.com` nor `a.b.contoso.com`). Partial wildcards match nothing.
 */
export function nameCovers(certificateName: string, host: string): boolean {
  const pattern = canonical(certificateName);
  const target = canonical(host);
  if (pattern === '' || target === '') return false;
  if (!pattern.includes('*')) return pattern === target;
  if (!pattern.startsWith('*.') || pattern.indexOf('*', 1) !== -1) return false;
  const base = pattern.slice(2);
  // A wildcard needs a registrable base, at least two labels (no `*.com`).
  if (!base.includes('.')) return false;
  const dot = target.indexOf('.');
  return dot > 0 && target.slice(dot + 1) === base;
}

export function anyNameCovers(names: readonly string[], host: string): boolean {
  return names.some((n) => nameCovers(n, host));
}

// Names no public CA may put in a certificate (CA/Browser Forum, since November 2015).
const INTERNAL_SUFFIXES = ['local', 'localdomain', 'lan', 'internal', 'intranet', 'corp', 'home', 'private', 'localhost', 'invalid'];

/** A name only a private or self-signed certificate can carry: single-label, internal suffix, or an IP. */
export function isInternalName(host: string): boolean {
  const n = canonical(host);
  if (isIP(n) !== 0) return true;
  if (!n.includes('.')) return true;
  const tld = n.slice(n.lastIndexOf('.') + 1);
  return INTERNAL_SUFFIXES.includes(tld);
}
