import forge from './forge';
import { childrenOf, parseDer, primitiveBytes } from './certificate-fields';

export const SUBJECT_ALT_NAME_OID = '2.5.29.17';

// GeneralName context tags (RFC 5280 section 4.2.1.6).
const DNS_NAME = 2;
const IP_ADDRESS = 7;

/** DNS names and IP addresses from the DER of a subjectAltName extension value, in order. */
export function readSubjectAltNames(extensionValue: Buffer): string[] {
  const names: string[] = [];
  for (const generalName of childrenOf(parseDer(extensionValue))) {
    if (generalName.tagClass !== forge.asn1.Class.CONTEXT_SPECIFIC) continue;
    if (typeof generalName.value !== 'string') continue;
    const bytes = Buffer.from(primitiveBytes(generalName), 'binary');
    if (generalName.type === DNS_NAME) names.push(bytes.toString('latin1'));
    else if (generalName.type === IP_ADDRESS) {
      const address = formatIpAddress(bytes);
      if (address) names.push(address);
    }
  }
  return names;
}

export function formatIpAddress(bytes: Buffer): string | undefined {
  if (bytes.length === 4) return [...bytes].join('.');
  if (bytes.length !== 16) return undefined;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(bytes.readUInt16BE(i).toString(16));
  // The URL parser applies RFC 5952's canonical form (longest zero run as ::).
  return new URL(`http://[${groups.join(':')}]/`).hostname.slice(1, -1);
}

/**
 * Fallback for when the DER walk fails: Node's text form, e.g.
 * `DNS:mx.example.test, IP Address:127.0.0.1`.
 */
export function parseNodeSubjectAltName(text: string | undefined): string[] {
  if (!text) return [];
  return text
    .split(', ')
    .map((entry) => /^(?:DNS|IP Address):(.*)$/.exec(entry)?.[1])
    .filter((name): name is string => name !== undefined);
}
