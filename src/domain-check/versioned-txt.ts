import type { DomainResolver } from '../net/dns/domain-resolver';
import { DnsLookupError } from '../net/dns/dns-lookup-error';
import type { ParseResult } from './parse-result';

/** A policy record published as TXT and marked by a version tag (MTA-STS, TLS-RPT). */
export interface VersionedTxtFormat<T> {
  /** The tag a record starts with, e.g. `v=STSv1`. */
  version: string;
  /** The TXT strings that count as records of this kind (the others are discarded before counting). */
  candidates: (texts: string[]) => string[];
  parse: (text: string) => ParseResult<T>;
}

/** What kept the record from being read; each caller names it with a problem code of its own. */
export interface VersionedTxtProblem {
  kind: 'lookup' | 'multiple' | 'syntax';
  message: string;
}

export interface VersionedTxt<T> {
  recordTexts: string[];
  record?: T;
  problem?: VersionedTxtProblem;
}

/**
 * Read such a record as a sender does: the candidates at `recordName`, exactly one of them, and it must
 * parse. No candidate is no record and no problem. Rejects only on what is not a DNS lookup failure.
 */
export async function readVersionedTxt<T>(resolver: DomainResolver, recordName: string, format: VersionedTxtFormat<T>): Promise<VersionedTxt<T>> {
  let recordTexts: string[];
  try {
    recordTexts = format.candidates((await resolver.txt(recordName)).records);
  } catch (err) {
    if (!(err instanceof DnsLookupError)) throw err;
    return { recordTexts: [], problem: { kind: 'lookup', message: err.message } };
  }
  if (recordTexts.length === 0) return { recordTexts };
  if (recordTexts.length > 1) {
    return { recordTexts, problem: { kind: 'multiple', message: `${recordName} has ${recordTexts.length} ${format.version} records; senders need exactly one` } };
  }
  const record = format.parse(recordTexts[0]);
  return record.ok ? { recordTexts, record: record.value } : { recordTexts, problem: { kind: 'syntax', message: `${recordName}: ${record.reason}` } };
}
