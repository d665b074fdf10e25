import { createHash, X509Certificate } from 'node:crypto';
import type { TlsaRecord } from '../../net/dns/domain-resolver';
import type { TlsaRecordMatch } from '../types';

export const USAGE_NAMES: Record<number, string> = { 0: 'PKIX-TA', 1: 'PKIX-EE', 2: 'DANE-TA', 3: 'DANE-EE' };
export const SELECTOR_NAMES: Record<number, string> = { 0: 'Cert', 1: 'SPKI' };
export const MATCHING_NAMES: Record<number, string> = { 0: 'Full', 1: 'SHA2-256', 2: 'SHA2-512' };

export interface TlsaMatchOptions {
  /** Whether the leaf carries the MX host name: DANE-TA needs it, DANE-EE does not (RFC 7672 section 3.2). */
  nameMatch: boolean;
}

/**
 * Match each TLSA record against the served chain (DER, leaf first), the way
 * an RFC 7672 SMTP client does: DANE-EE(3) against the leaf only, DANE-TA(2)
 * against the certificates above it; PKIX-TA(0) and PKIX-EE(1) are matched for
 * information but are unusable for SMTP, as are unknown parameters.
 */
export function matchTlsa(records: TlsaRecord[], chainDer: Buffer[], options: TlsaMatchOptions): TlsaRecordMatch[] {
  return records.map((record) => matchOne(record, chainDer, options));
}

/** True when some usable record matched and, for DANE-TA, the name matched too. */
export function daneAuthenticates(matches: TlsaRecordMatch[], options: TlsaMatchOptions): boolean {
  return matches.some((m) => m.usable && m.matched && (m.record.usage === 3 || options.nameMatch));
}

export function describeTlsa(record: TlsaRecord): string {
  const name = (table: Record<number, string>, value: number) => `${value}${table[value] ? ` (${table[value]})` : ''}`;
  const data = record.data.length > 24 ? `${record.data.slice(0, 24)}…` : record.data;
  return `${name(USAGE_NAMES, record.usage)} ${name(SELECTOR_NAMES, record.selector)} ${name(MATCHING_NAMES, record.matchingType)} ${data}`;
}

function matchOne(record: TlsaRecord, chain: Buffer[], options: TlsaMatchOptions): TlsaRecordMatch {
  const unusable = (note: string): TlsaRecordMatch => ({ record, usable: false, matched: false, note });
  if (!(record.selector in SELECTOR_NAMES)) return unusable(`selector ${record.selector} is not defined`);
  if (!(record.matchingType in MATCHING_NAMES)) return unusable(`matching type ${record.matchingType} is not defined`);
  if (!(record.usage in USAGE_NAMES)) return unusable(`usage ${record.usage} is not defined`);
  if (chain.length === 0) {
    return { record, usable: record.usage >= 2, matched: false, note: 'no certificate was served to match against' };
  }
  const candidates = record.usage === 1 || record.usage === 3 ? [0] : chain.map((_, i) => i).slice(1);
  const chainIndex = candidates.find((i) => associationData(chain[i], record) === record.data.toLowerCase());
  const matched = chainIndex !== undefined;
  const base = { record, matched, ...(matched ? { chainIndex } : {}) };
  if (record.usage < 2) {
    return { ...base, usable: false, note: `${USAGE_NAMES[record.usage]} records are not used by SMTP senders (RFC 7672 section 3.1.3)${matched ? '; it matches' : ''}` };
  }
  if (!matched) {
    const where = record.usage === 3 ? 'the served leaf certificate' : 'any issuer certificate the server sent';
    return { ...base, usable: true, note: `does not match ${where}` };
  }
  if (record.usage === 2 && !options.nameMatch) {
    return { ...base, usable: true, note: `matches chain certificate ${chainIndex}, but DANE-TA also needs the leaf to carry the MX host name, and it does not` };
  }
  return { ...base, usable: true, note: record.usage === 3 ? 'matches the leaf certificate' : `matches chain certificate ${chainIndex}` };
}

/** The bytes a record of this selector and matching type carries for `der`, as lower-case hex. */
export function associationData(der: Buffer, record: Pick<TlsaRecord, 'selector' | 'matchingType'>): string | undefined {
  let selected: Buffer;
  try {
    selected = record.selector === 0 ? der : spki(der);
  } catch {
    return undefined;
  }
  if (record.matchingType === 0) return selected.toString('hex');
  if (record.matchingType === 1) return createHash('sha256').update(selected).digest('hex');
  if (record.matchingType === 2) return createHash('sha512').update(selected).digest('hex');
  return undefined;
}

function spki(der: Buffer): Buffer {
  return new X509Certificate(der).publicKey.export({ type: 'spki', format: 'der' });
}
