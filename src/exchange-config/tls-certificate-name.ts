import type { ExchangeCertificate, TlsCertificateNameParse, TlsCertificateNameValue } from './types';
import { isBlank } from './values';

// X.520 upper bounds (RFC 5280 appendix A); a longer value in a paste means text was glued on.
const MAX_ATTRIBUTE_LENGTH: Readonly<Record<string, number>> = { CN: 64, O: 64, OU: 64, L: 128, S: 128, C: 2 };

/** Reads a connector's TlsCertificateName the way Exchange's HealthChecker classes it. */
export function parseTlsCertificateName(text: string | undefined): TlsCertificateNameParse {
  if (isBlank(text)) return { kind: 'empty' };
  const raw = (text ?? '').trim();
  const upper = raw.toUpperCase();
  const i = upper.indexOf('<I>');
  const s = upper.indexOf('<S>');
  if (i === -1 && s === -1) {
    const reason = /^[*A-Za-z0-9.-]+$/.test(raw)
      ? 'it is a host name; Exchange expects <I>issuer<S>subject'
      : 'it has neither <I> nor <S>';
    return { kind: 'malformed', raw, reason };
  }
  if (i === -1) return { kind: 'malformed', raw, reason: 'the <I> (issuer) part is missing' };
  if (s === -1) return { kind: 'malformed', raw, reason: 'the <S> (subject) part is missing' };
  if (s < i) return { kind: 'malformed', raw, reason: '<S> comes before <I>; Exchange expects <I>issuer<S>subject' };
  if (i !== 0) return { kind: 'malformed', raw, reason: 'there is text before <I>' };
  if (upper.indexOf('<S>', s + 3) !== -1 || upper.indexOf('<I>', i + 3) !== -1) {
    return { kind: 'malformed', raw, reason: '<I> or <S> appears more than once' };
  }
  const issuer = raw.slice(3, s).trim();
  const subject = raw.slice(s + 3).trim();
  if (!issuer.includes('=')) return { kind: 'malformed', raw, reason: 'the issuer part is not a distinguished name (no CN=...)' };
  if (!subject.includes('=')) return { kind: 'malformed', raw, reason: 'the subject part is not a distinguished name (no CN=...)' };
  return { kind: 'ok', value: { raw, issuer, subject, damaged: looksDamaged(issuer) || looksDamaged(subject) } };
}

function looksDamaged(dn: string): boolean {
  return splitDistinguishedName(dn).some((part) => {
    const eq = part.indexOf('=');
    if (eq <= 0) return true;
    const max = MAX_ATTRIBUTE_LENGTH[part.slice(0, eq).trim().toUpperCase()];
    return max !== undefined && unquote(part.slice(eq + 1)).length > max;
  });
}

/**
 * Only ASCII white space is trimmed: .NET quotes a value that starts or ends with it, while a
 * value ending in another space character (U+00A0) is printed bare and that character is part of it.
 */
function trimAscii(text: string): string {
  return text.replace(/^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g, '');
}

/** The RDNs of a DN as .NET prints it: split on commas outside double quotes. */
export function splitDistinguishedName(dn: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of dn) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      parts.push(trimAscii(current));
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(trimAscii(current));
  return parts.filter((p) => p !== '');
}

function unquote(value: string): string {
  const v = value.trim();
  return v.startsWith('"') && v.endsWith('"') && v.length >= 2 ? v.slice(1, -1).replace(/""/g, '"') : v;
}

/** The first CN of a distinguished name, e.g. `*.contoso.com`. */
export function commonName(dn: string | undefined): string | undefined {
  if (!dn) return undefined;
  for (const part of splitDistinguishedName(dn)) {
    const m = /^CN\s*=(.*)$/i.exec(part);
    if (m) return unquote(m[1]);
  }
  return undefined;
}

/** Exchange prints DNs with ", " between parts; pastes and hand-typed values vary only in that. */
export function normaliseDistinguishedName(dn: string): string {
  return dn.trim().replace(/\s*,\s*/g, ', ');
}

function partMatches(pasted: string, actual: string, damaged: boolean): boolean {
  const p = normaliseDistinguishedName(pasted);
  const a = normaliseDistinguishedName(actual);
  if (p === a) return true;
  // A value wrapped by Format-List and copied from a console loses the space at the wrap point.
  const squeeze = (s: string) => s.replace(/\s+/g, '');
  if (squeeze(p) === squeeze(a)) return true;
  return damaged && a !== '' && (p.startsWith(a) || a.startsWith(p));
}

/** Whether a TlsCertificateName names this certificate (same Issuer and Subject). */
export function namesCertificate(value: TlsCertificateNameValue, cert: Pick<ExchangeCertificate, 'issuer' | 'subject'>): boolean {
  if (cert.issuer === undefined || cert.subject === undefined) return false;
  return partMatches(value.issuer, cert.issuer, value.damaged) && partMatches(value.subject, cert.subject, value.damaged);
}

/** The TlsCertificateName value for a pasted certificate, or undefined without Issuer and Subject. */
export function tlsCertificateNameOf(cert: Pick<ExchangeCertificate, 'issuer' | 'subject'>): string | undefined {
  if (!cert.issuer || !cert.subject) return undefined;
  return `<I>${normaliseDistinguishedName(cert.issuer)}<S>${normaliseDistinguishedName(cert.subject)}`;
}
