import { isIP } from 'node:net';

/**
 * Observed values (certificate names, host names, thumbprints) come from the network.
 * Before one goes into a command line it is either validated against a strict pattern or
 * quoted as a literal, so pasting the command never runs anything the server chose.
 * Values that cannot be made safe are left out and the placeholder stays.
 */

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const HOST_NAME = /^(?=.{1,253}\.?$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?)*\.?$/;
const SHA1_HEX = /^[0-9A-F]{40}$/i;

/**
 * A PowerShell single-quoted (verbatim) string: no variable or subexpression expansion.
 * PowerShell also closes such a string on the typographic quotes U+2018..U+201B, so every
 * quote character is doubled. Undefined when the value holds control characters.
 */
export function powershellLiteral(value: string): string | undefined {
  if (CONTROL.test(value)) return undefined;
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`;
}

/** A POSIX shell single-quoted word. Undefined when the value holds control characters. */
export function posixShellLiteral(value: string): string | undefined {
  if (CONTROL.test(value)) return undefined;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A host name or IP address that may appear bare in a command; undefined otherwise. */
export function commandHost(host: string): string | undefined {
  if (isIP(host) !== 0) return host;
  return HOST_NAME.test(host) ? host : undefined;
}

/**
 * A DNS name that may appear bare in a command that names a certificate or an Fqdn; undefined
 * for an IP literal (no certificate request, connector Fqdn or SNI takes one), for names whose
 * last label is numeric, and for anything unsafe. The trailing dot is dropped.
 */
export function commandDnsName(name: string): string | undefined {
  const bare = name.replace(/\.$/, '');
  if (isIP(bare) !== 0 || isIP(bare.replace(/^\[|\]$/g, '')) !== 0) return undefined;
  if (!HOST_NAME.test(bare) || /^\d+$/.test(bare.slice(bare.lastIndexOf('.') + 1))) return undefined;
  return bare;
}

/** Placeholder for the name senders connect to, where the probed target is an address. */
export const MX_NAME_PLACEHOLDER = '<mx-host-name>';

/** The first usable DNS name among the candidates, or the placeholder. */
export function certificateName(...candidates: (string | undefined)[]): string {
  for (const c of candidates) {
    const name = c !== undefined ? commandDnsName(c) : undefined;
    if (name) return name;
  }
  return MX_NAME_PLACEHOLDER;
}

/** host:port for openssl -connect, IPv6 in brackets. */
export function hostPort(host: string, port: number): string {
  return isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}

/** An upper-case SHA-1 thumbprint (Exchange's Thumbprint form), or undefined when malformed. */
export function commandThumbprint(thumbprint: string | undefined): string | undefined {
  return thumbprint && SHA1_HEX.test(thumbprint) ? thumbprint.toUpperCase() : undefined;
}
