const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** An `mx:` value of an MTA-STS policy: a domain, or `*.` and a domain (RFC 8461 section 3.2). */
export function isMxPattern(pattern: string): boolean {
  const name = bare(pattern.startsWith('*.') ? pattern.slice(2) : pattern);
  return name.length > 0 && name.length <= 253 && name.split('.').every((label) => LABEL.test(label));
}

/**
 * RFC 8461 section 4.1: a pattern matches the MX host name exactly, or, as
 * `*.suffix`, a host with exactly one more label on the left; case-insensitive.
 */
export function mxPatternMatches(pattern: string, host: string): boolean {
  const name = bare(host);
  if (!pattern.startsWith('*.')) return bare(pattern) === name;
  const suffix = bare(pattern.slice(2));
  if (!name.endsWith(`.${suffix}`)) return false;
  const label = name.slice(0, name.length - suffix.length - 1);
  return label !== '' && !label.includes('.');
}

function bare(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}
