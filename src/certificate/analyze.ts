import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { stripBrackets } from '../probe/connect';
import type { PeerCertificates } from '../probe/types';
import { AUTHORITY_INFO_ACCESS_OID, parseNodeInfoAccess, readCaIssuersUrls } from './authority-info-access';
import { CertificateParseError } from './certificate-parse-error';
import { readCertificateFields, type CertificateFields } from './certificate-fields';
import { isPastNotAfter, wholeDaysLeft } from './days-left';
import { formatName } from './distinguished-name';
import { formatExchangeTlsCertificateName } from './exchange-name';
import { sha1Thumbprint, sha256Fingerprint } from './fingerprints';
import { matchesName } from './name-match';
import { describePublicKey, type PublicKeyInfo } from './public-key';
import { signatureAlgorithmName } from './signature-algorithm';
import { derToPem } from './pem';
import { parseNodeSubjectAltName, readSubjectAltNames, SUBJECT_ALT_NAME_OID } from './subject-alt-names';
import { chainStrengthFailure } from './sender-strength';
import { describeTrustError } from './trust-reason';
import type { ChainEntry, CertificateReport } from './types';

export { CertificateParseError } from './certificate-parse-error';

export interface AnalyzeOptions {
  /** The probed target: a name (the certificate must cover it) or an IP literal (no name verdict). */
  host: string;
  /** The name senders use (--servername): replaces `host` as the name the certificate must cover. */
  servername?: string;
  /** Further names the user expects on the certificate (e.g. a connector's TlsDomain). */
  expectNames: string[];
  now: Date;
}

/** OpenSSL results that mean "could not find the certificate that issued one in the chain". */
const ISSUER_NOT_FOUND = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
]);

/**
 * Judges the served certificate.
 *
 * Throws CertificateParseError (code CERT_PARSE_FAILED) only when there is no
 * leaf or OpenSSL cannot parse the leaf's DER. Past that point everything is
 * best effort: the fields come from an ASN.1 walk of the DER, and when that
 * walk fails they fall back to Node's own readings (names, SANs, validity),
 * the key to type 'unknown' with 0 bits and the signature algorithm to
 * 'unknown'. A chain certificate that cannot be parsed still gets an entry,
 * with empty names and the fingerprint of its bytes.
 */
export function analyzeCertificate(peer: PeerCertificates, options: AnalyzeOptions): CertificateReport {
  const leafDer = peer.chainDer.length > 0 ? Buffer.from(peer.chainDer[0], 'base64') : undefined;
  if (!leafDer) throw new CertificateParseError('The server sent no certificate');
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(leafDer);
  } catch (error) {
    throw new CertificateParseError(`The server's certificate cannot be parsed: ${messageOf(error)}`, {
      cause: error,
    });
  }

  const fields = attempt(() => readCertificateFields(leafDer));
  const subject = distinguishedName(fields?.subject, leaf.subject);
  const issuer = distinguishedName(fields?.issuer, leaf.issuer);
  const notBefore = validDate(fields?.notBefore) ?? new Date(leaf.validFrom);
  const notAfter = validDate(fields?.notAfter) ?? new Date(leaf.validTo);
  const selfSigned = isSelfSigned(leaf);
  const chainCertificates = peer.chainDer.map((b64) => Buffer.from(b64, 'base64'));
  const key = attempt(() => describePublicKey(leaf.publicKey)) ?? { keyType: 'unknown', keyBits: 0 };

  return {
    subject,
    issuer,
    san: subjectAltNames(fields, leaf),
    notBefore: isoOrEmpty(notBefore),
    notAfter: isoOrEmpty(notAfter),
    daysLeft: wholeDaysLeft(notAfter, options.now),
    expired: isPastNotAfter(notAfter, options.now),
    selfSigned,
    ...chainTrust(peer, chainCertificates),
    chainComplete: !missesLeafIssuer(peer, leaf, selfSigned, chainCertificates),
    chain: chainCertificates.map(chainEntry),
    chainPem: chainCertificates.map(derToPem),
    ...caIssuers(fields, leaf),
    ...identity(leaf, options),
    expectedNames: options.expectNames.map((name) => ({ name, matches: matchesName(leaf, name) })),
    ...key,
    signatureAlgorithm: fields ? signatureAlgorithmName(fields.signatureAlgorithmOid) : 'unknown',
    sha1Thumbprint: sha1Thumbprint(leafDer),
    sha256Fingerprint: sha256Fingerprint(leafDer),
    exchangeTlsCertificateName: formatExchangeTlsCertificateName(issuer, subject),
  } satisfies CertificateReport & PublicKeyInfo;
}

/**
 * Chain trust apart from identity: the handshake's verification (which the probe runs without
 * a host-name check), then the strength a sender's OpenSSL 3 demands of a chain that verified.
 */
function chainTrust(peer: PeerCertificates, chain: Buffer[]): Pick<CertificateReport, 'trusted' | 'trustError' | 'trustReason'> {
  if (!peer.authorized) {
    const code = peer.authorizationError;
    return { trusted: false, ...(code ? { trustError: code, trustReason: describeTrustError(code) } : {}) };
  }
  const weak = chainStrengthFailure(chain);
  return weak ? { trusted: false, trustError: weak.code, trustReason: weak.reason } : { trusted: true };
}

/** The name the certificate must cover and whether it does; an IP literal without --servername gets no verdict. */
function identity(leaf: X509Certificate, options: AnalyzeOptions): Pick<CertificateReport, 'identityName' | 'nameMatch'> {
  const name = options.servername ?? (isIP(stripBrackets(options.host)) ? null : options.host);
  return { identityName: name, nameMatch: name === null ? null : matchesName(leaf, name) };
}

/**
 * The verifier could not find an issuer, and the certificate that issued the
 * leaf is not among those the server sent (Node's chain walk). When the
 * intermediate is there but its root is unknown, the chain as sent is
 * complete and the problem is trust, which `trusted`/`trustError` report.
 */
function missesLeafIssuer(
  peer: PeerCertificates,
  leaf: X509Certificate,
  selfSigned: boolean,
  chain: Buffer[],
): boolean {
  if (peer.authorized || selfSigned) return false;
  if (!peer.authorizationError || !ISSUER_NOT_FOUND.has(peer.authorizationError)) return false;
  return !chain.slice(1).some((der) => attempt(() => issued(new X509Certificate(der), leaf)) === true);
}

function issued(issuer: X509Certificate, cert: X509Certificate): boolean {
  return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
}

/** Subject equals issuer and the signature verifies with the certificate's own key. */
function isSelfSigned(cert: X509Certificate): boolean {
  return cert.subject === cert.issuer && attempt(() => cert.verify(cert.publicKey)) === true;
}

function chainEntry(der: Buffer): ChainEntry {
  const fields = attempt(() => readCertificateFields(der));
  const parsed = fields ? undefined : attempt(() => new X509Certificate(der));
  return {
    subject: distinguishedName(fields?.subject, parsed?.subject ?? ''),
    issuer: distinguishedName(fields?.issuer, parsed?.issuer ?? ''),
    sha256Fingerprint: sha256Fingerprint(der),
  };
}

function distinguishedName(name: CertificateFields['subject'] | undefined, nodeText: string): string {
  const formatted = name ? attempt(() => formatName(name)) : undefined;
  return formatted ?? fromNodeName(nodeText);
}

/**
 * Node prints names one RDN a line in DER order with OpenSSL's short names;
 * reversing and renaming gets close to Exchange's form (quoting may differ).
 */
function fromNodeName(text: string): string {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .reverse()
    .map((line) => line.replace(/^ST=/, 'S=').replace(/^emailAddress=/, 'E='))
    .join(', ');
}

function caIssuers(fields: CertificateFields | undefined, leaf: X509Certificate): { caIssuersUrls?: string[] } {
  const extension = fields?.extensions.get(AUTHORITY_INFO_ACCESS_OID);
  const urls = (extension && attempt(() => readCaIssuersUrls(extension))) ?? parseNodeInfoAccess(attempt(() => leaf.infoAccess));
  return urls.length > 0 ? { caIssuersUrls: urls } : {};
}

function subjectAltNames(fields: CertificateFields | undefined, leaf: X509Certificate): string[] {
  if (!fields) return parseNodeSubjectAltName(leaf.subjectAltName);
  const extension = fields.extensions.get(SUBJECT_ALT_NAME_OID);
  if (!extension) return [];
  return attempt(() => readSubjectAltNames(extension)) ?? parseNodeSubjectAltName(leaf.subjectAltName);
}

function validDate(date: Date | undefined): Date | undefined {
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

function isoOrEmpty(date: Date): string {
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

function attempt<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
