import forge from './forge';
import { childrenOf, parseDer, primitiveBytes, readOid } from './certificate-fields';

export const AUTHORITY_INFO_ACCESS_OID = '1.3.6.1.5.5.7.1.1';
export const CA_ISSUERS_OID = '1.3.6.1.5.5.7.48.2';
const URI_TAG = 6;
const PRINTABLE = /^[\x21-\x7e]+$/;

/**
 * The caIssuers URIs of an Authority Information Access extension value
 * (RFC 5280 section 4.2.2.1): where the CA publishes the certificate that
 * issued this one. Other access methods (OCSP) and non-URI names are skipped.
 */
export function readCaIssuersUrls(extension: Buffer): string[] {
  const urls: string[] = [];
  for (const description of childrenOf(parseDer(extension))) {
    const [method, location] = childrenOf(description, 2);
    if (readOid(method) !== CA_ISSUERS_OID) continue;
    if (location.tagClass !== forge.asn1.Class.CONTEXT_SPECIFIC || location.type !== URI_TAG) continue;
    const uri = primitiveBytes(location);
    if (PRINTABLE.test(uri)) urls.push(uri);
  }
  return urls;
}

/** The same from Node's X509Certificate.infoAccess text ("CA Issuers - URI:http://…" lines). */
export function parseNodeInfoAccess(text: string | undefined): string[] {
  if (!text) return [];
  return text
    .split('\n')
    .map((line) => /^CA Issuers - URI:(\S+)$/.exec(line.trim())?.[1])
    .filter((uri): uri is string => uri !== undefined && PRINTABLE.test(uri));
}
