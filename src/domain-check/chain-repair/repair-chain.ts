import { X509Certificate } from 'node:crypto';
import { AUTHORITY_INFO_ACCESS_OID, parseNodeInfoAccess, readCaIssuersUrls } from '../../certificate/authority-info-access';
import { formatName } from '../../certificate/distinguished-name';
import { readCertificateFields } from '../../certificate/certificate-fields';
import { sha1Thumbprint, sha256Fingerprint } from '../../certificate/fingerprints';
import { derToPem } from '../../certificate/pem';
import type { CertificateReport } from '../../certificate/types';
import { FetchError } from '../../net/http/fetch-error';
import type { ChainRepair, NamedIntermediate } from '../types';
import { ChainRepairError } from './chain-repair-error';
import { fetchIssuerCertificate, type FetchedCertificate, type IssuerFetchOptions } from './fetch-issuer';
import { anchoredBy, issuedBy } from './trust-anchor-set';

export interface ChainRepairOptions extends IssuerFetchOptions {
  /** Roots the walk may end at (trustAnchorSet()). */
  anchors: X509Certificate[];
  /** How many missing certificates to fetch at most, one above the other. */
  maxDepth?: number;
  /** Shared between hosts of one domain check, so a URL is fetched once. */
  cache?: Map<string, Promise<FetchedCertificate>>;
}

/**
 * Name the intermediate(s) a server failed to send: follow the leaf's
 * caIssuers URL, check that what it serves really issued the leaf, and go on
 * up while the fetched certificate is neither a root, anchored, nor issued by
 * something the server did send. Never rejects: failures land in `problem`.
 */
export async function repairChain(host: string, port: number, certificate: CertificateReport, options: ChainRepairOptions): Promise<ChainRepair> {
  const repair: ChainRepair = {
    host,
    port,
    leafSubject: certificate.subject,
    leafIssuer: certificate.issuer,
    caIssuersUrls: certificate.caIssuersUrls ?? [],
    intermediates: [],
  };
  const served = (certificate.chainPem ?? []).flatMap(parse);
  try {
    if (served.length === 0) throw new ChainRepairError('AIA_NO_LEAF', 'the report carries no certificate PEM to start from');
    let current = served[0];
    let urls = repair.caIssuersUrls;
    for (let depth = 0; depth < (options.maxDepth ?? 3); depth++) {
      if (urls.length === 0) {
        if (depth === 0) throw new ChainRepairError('AIA_NO_URL', 'the certificate has no Authority Information Access caIssuers URL');
        break;
      }
      const fetched = await fetchIssuerOf(current, urls, options);
      if (fetched.certificate.subject === fetched.certificate.issuer && issuedBy(fetched.certificate, fetched.certificate)) {
        if (depth === 0) {
          throw new ChainRepairError(
            'AIA_ISSUER_IS_ROOT',
            `the leaf is issued directly by the root ${fetched.certificate.subject.replace(/\n/g, ', ')}: no intermediate is missing, the root is not trusted`,
          );
        }
        break;
      }
      repair.intermediates.push(named(fetched));
      if (anchoredBy(fetched.certificate, options.anchors) || served.slice(1).some((s) => issuedBy(fetched.certificate, s))) break;
      current = fetched.certificate;
      urls = caIssuersOf(current);
    }
  } catch (err) {
    if (err instanceof ChainRepairError) repair.problem = { code: err.code, message: err.message };
    else if (err instanceof FetchError) repair.problem = { code: err.code, message: err.message };
    else throw err;
  }
  return repair;
}

/** The first URL whose certificate verifiably issued `cert`; the last failure otherwise. */
async function fetchIssuerOf(cert: X509Certificate, urls: string[], options: ChainRepairOptions): Promise<FetchedCertificate> {
  let failure: Error = new ChainRepairError('AIA_NO_URL', 'no http or https caIssuers URL');
  for (const url of urls.filter((u) => /^https?:/i.test(u))) {
    try {
      const fetched = await cachedFetch(url, options);
      if (issuedBy(cert, fetched.certificate)) return fetched;
      failure = new ChainRepairError(
        'AIA_WRONG_ISSUER',
        `${url} serves ${fetched.certificate.subject.replace(/\n/g, ', ')}, which did not issue ${cert.subject.replace(/\n/g, ', ')}`,
      );
    } catch (err) {
      if (!(err instanceof FetchError) && !(err instanceof ChainRepairError)) throw err;
      failure = err;
    }
  }
  throw failure;
}

function cachedFetch(url: string, options: ChainRepairOptions): Promise<FetchedCertificate> {
  let pending = options.cache?.get(url);
  if (!pending) {
    pending = fetchIssuerCertificate(url, options);
    options.cache?.set(url, pending);
  }
  return pending;
}

function named(fetched: FetchedCertificate): NamedIntermediate {
  const der = fetched.certificate.raw;
  const fields = attempt(() => readCertificateFields(der));
  return {
    subject: (fields && attempt(() => formatName(fields.subject))) ?? fetched.certificate.subject.replace(/\n/g, ', '),
    issuer: (fields && attempt(() => formatName(fields.issuer))) ?? fetched.certificate.issuer.replace(/\n/g, ', '),
    sha256Fingerprint: sha256Fingerprint(der),
    sha1Thumbprint: sha1Thumbprint(der),
    notAfter: new Date(fetched.certificate.validTo).toISOString(),
    url: fetched.url,
    format: fetched.format,
    pem: derToPem(der),
  };
}

function caIssuersOf(cert: X509Certificate): string[] {
  const extension = attempt(() => readCertificateFields(cert.raw).extensions.get(AUTHORITY_INFO_ACCESS_OID));
  return (extension && attempt(() => readCaIssuersUrls(extension))) ?? parseNodeInfoAccess(attempt(() => cert.infoAccess));
}

function parse(pem: string): X509Certificate[] {
  const cert = attempt(() => new X509Certificate(pem));
  return cert ? [cert] : [];
}

function attempt<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
