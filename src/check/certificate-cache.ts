import { analyzeCertificate, type AnalyzeOptions } from '../certificate/analyze';
import { isPastNotAfter, wholeDaysLeft } from '../certificate/days-left';
import type { CertificateReport } from '../certificate/types';
import type { PeerCertificates } from '../probe/types';

const MAX_ENTRIES = 256;

/** Recent analyses by everything they depend on except the clock, oldest first. */
const cache = new Map<string, CertificateReport>();

/**
 * analyzeCertificate, remembered: a process that probes the same servers again (the bench,
 * a bulk run, watches) would otherwise repeat the same ASN.1 walk and signature checks.
 * The analysis is a function of the chain, the verifier's verdict and the names asked for;
 * only daysLeft and expired depend on `now`, so they are recomputed. Callers get their own copy.
 */
export function analyzeCertificateCached(peer: PeerCertificates, options: AnalyzeOptions): CertificateReport {
  const key = JSON.stringify([
    peer.chainDer,
    peer.authorized,
    peer.authorizationError ?? null,
    options.host,
    options.servername ?? null,
    options.expectNames,
  ]);
  let report = cache.get(key);
  if (report) {
    cache.delete(key);
  } else {
    report = analyzeCertificate(peer, options);
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  }
  cache.set(key, report);
  const copy = structuredClone(report);
  copy.daysLeft = wholeDaysLeft(report.notAfter, options.now);
  copy.expired = isPastNotAfter(report.notAfter, options.now);
  return copy;
}
