import { normaliseDistinguishedName } from './tls-certificate-name';
import type { ExchangeCertificate } from './types';
import { hasFlag, parseBool, parseExchangeDate, parseFlags, parseList, nonBlank } from './values';

/** A Get-ExchangeCertificate block; undefined without a readable 40-hex-digit Thumbprint. */
export function toExchangeCertificate(props: ReadonlyMap<string, string>, properties: Record<string, string>): ExchangeCertificate | undefined {
  const thumbprint = (props.get('thumbprint') ?? '').replace(/\s/g, '').toUpperCase();
  if (!/^[0-9A-F]{40}$/.test(thumbprint)) return undefined;
  const subject = nonBlank(props.get('subject'));
  const issuer = nonBlank(props.get('issuer'));
  const selfSigned =
    parseBool(props.get('isselfsigned')) ??
    (subject !== undefined && issuer !== undefined && normaliseDistinguishedName(subject) === normaliseDistinguishedName(issuer));
  return {
    kind: 'certificate',
    thumbprint,
    friendlyName: nonBlank(props.get('friendlyname')),
    subject,
    issuer,
    domains: parseList(props.get('certificatedomains')),
    services: parseFlags(props.get('services')),
    servicesKnown: props.has('services'),
    notAfter: parseExchangeDate(props.get('notafter')),
    notAfterText: nonBlank(props.get('notafter')),
    selfSigned,
    hasPrivateKey: parseBool(props.get('hasprivatekey')),
    status: nonBlank(props.get('status')),
    properties,
  };
}

export function enabledForSmtp(cert: ExchangeCertificate): boolean {
  return hasFlag(cert.services, 'SMTP');
}

/**
 * Past NotAfter. When the locale leaves day and month ambiguous and the readings disagree,
 * Exchange's Status decides (DateInvalid), else the preferred reading.
 */
export function isExpired(cert: ExchangeCertificate, now: Date): boolean {
  const status = cert.status?.toLowerCase();
  if (cert.notAfter.length === 0) return status === 'dateinvalid';
  const past = cert.notAfter.map((d) => d < now);
  if (past.every(Boolean)) return true;
  if (!past.some(Boolean)) return false;
  if (status === 'dateinvalid') return true;
  if (status === 'valid') return false;
  return past[0];
}

/** `CN=*.contoso.com (thumbprint 1A2B...)`: how findings name a certificate. */
export function certificateLabel(cert: ExchangeCertificate): string {
  const name = cert.subject ?? cert.friendlyName ?? 'certificate';
  return `${name} (thumbprint ${cert.thumbprint})`;
}
