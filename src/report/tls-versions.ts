import type { TlsVersionName, TlsVersionResult } from '../probe/types';

export const TLS_VERSION_LABEL: Readonly<Record<TlsVersionName, string>> = {
  TLSv1: 'TLS 1.0',
  'TLSv1.1': 'TLS 1.1',
  'TLSv1.2': 'TLS 1.2',
  'TLSv1.3': 'TLS 1.3',
};

const STATUS_WORD: Readonly<Record<TlsVersionResult['status'], string>> = { accepted: 'yes', refused: 'no', 'not-tested': 'not tested' };

/** "TLS 1.0 no, TLS 1.1 no, TLS 1.2 yes, TLS 1.3 yes". */
export function tlsVersionsText(results: readonly TlsVersionResult[]): string {
  return results.map((r) => `${TLS_VERSION_LABEL[r.version]} ${STATUS_WORD[r.status]}`).join(', ');
}

/** Whether TLS 1.2, the version Exchange Online requires, is there, as a sentence. */
export function tls12Sentence(results: readonly TlsVersionResult[]): string {
  const r = results.find((x) => x.version === 'TLSv1.2');
  if (!r || r.status === 'not-tested') return 'TLS 1.2, which Exchange Online requires: could not be tested';
  return r.status === 'accepted' ? 'TLS 1.2, which Exchange Online requires: accepted' : 'TLS 1.2, which Exchange Online requires: NOT accepted';
}
