import { enabledForSmtp, isExpired } from './exchange-certificate';
import { anyNameCovers } from './host-names';
import { commonName, namesCertificate } from './tls-certificate-name';
import type { ExchangeCertificate, ReceiveConnector, SendConnector, TlsCertificateNameValue } from './types';

/** Every name a certificate answers for: CertificateDomains plus the Subject's CN. */
export function certificateNames(cert: ExchangeCertificate): string[] {
  const cn = commonName(cert.subject);
  const names = [...cert.domains.items];
  if (cn && !names.some((n) => n.toLowerCase() === cn.toLowerCase())) names.push(cn);
  return names;
}

export function coversName(cert: ExchangeCertificate, host: string): boolean {
  return anyNameCovers(certificateNames(cert), host);
}

export function certificatesNamedBy(value: TlsCertificateNameValue, certs: readonly ExchangeCertificate[]): ExchangeCertificate[] {
  return certs.filter((c) => namesCertificate(value, c));
}

function newest(a: ExchangeCertificate, b: ExchangeCertificate): number {
  const time = (c: ExchangeCertificate) => (c.notAfter.length > 0 ? Math.max(...c.notAfter.map((d) => d.getTime())) : 0);
  return time(b) - time(a);
}

/**
 * Exchange's preference among eligible certificates: usable before unusable, CA-issued before
 * self-signed, valid before expired, then the most recent.
 */
export function rankCertificates(certs: readonly ExchangeCertificate[], now: Date): ExchangeCertificate[] {
  const score = (c: ExchangeCertificate) =>
    (c.hasPrivateKey === false ? 8 : 0) + (c.selfSigned ? 4 : 0) + (isExpired(c, now) ? 2 : 0) + (enabledForSmtp(c) ? 0 : 1);
  return [...certs].sort((a, b) => score(a) - score(b) || newest(a, b));
}

/** A CA-issued, unexpired, SMTP-enabled certificate: what a connector facing the Internet should use. */
export function isGoodSmtpCertificate(cert: ExchangeCertificate, now: Date): boolean {
  return !cert.selfSigned && !isExpired(cert, now) && enabledForSmtp(cert) && cert.hasPrivateKey !== false;
}

export type ConnectorSelection =
  | { by: 'tls-certificate-name'; value: TlsCertificateNameValue; matches: ExchangeCertificate[]; chosen?: ExchangeCertificate }
  | { by: 'fqdn'; name: string; covering: ExchangeCertificate[]; chosen?: ExchangeCertificate }
  | { by: 'unknown' };

/**
 * The certificate a receive connector loads for STARTTLS: the one TlsCertificateName names (no
 * fallback when it names none), else one covering the Fqdn that is enabled for SMTP.
 */
export function selectForReceiveConnector(rc: ReceiveConnector, certs: readonly ExchangeCertificate[], now: Date): ConnectorSelection {
  const tcn = rc.tlsCertificateName;
  if (tcn.kind === 'ok') {
    const matches = rankCertificates(certificatesNamedBy(tcn.value, certs), now);
    return { by: 'tls-certificate-name', value: tcn.value, matches, chosen: matches[0] };
  }
  if (tcn.kind === 'malformed' || rc.fqdn === undefined) return { by: 'unknown' };
  const covering = rankCertificates(
    certs.filter((c) => coversName(c, rc.fqdn ?? '')),
    now,
  );
  const eligible = covering.filter((c) => enabledForSmtp(c) && c.hasPrivateKey !== false);
  return { by: 'fqdn', name: rc.fqdn, covering, chosen: eligible[0] };
}

/** The certificate a send connector presents, when its TlsCertificateName names a pasted one. */
export function selectForSendConnector(sc: SendConnector, certs: readonly ExchangeCertificate[], now: Date): ExchangeCertificate[] {
  return sc.tlsCertificateName.kind === 'ok' ? rankCertificates(certificatesNamedBy(sc.tlsCertificateName.value, certs), now) : [];
}

/**
 * The certificate to point a connector at: a good one covering `host` when given, else any
 * good one; a renewed certificate with the same Subject wins over others.
 */
export function replacementCertificate(
  certs: readonly ExchangeCertificate[],
  now: Date,
  hints: { host?: string; subject?: string } = {},
): ExchangeCertificate | undefined {
  const usable = rankCertificates(
    certs.filter((c) => !c.selfSigned && !isExpired(c, now) && c.hasPrivateKey !== false),
    now,
  );
  const sameSubject = hints.subject ? usable.filter((c) => c.subject && sameDn(c.subject, hints.subject ?? '')) : [];
  const covering = hints.host ? usable.filter((c) => coversName(c, hints.host ?? '')) : [];
  return sameSubject[0] ?? covering[0] ?? usable[0];
}

function sameDn(a: string, b: string): boolean {
  const n = (s: string) => s.trim().replace(/\s*,\s*/g, ', ').toLowerCase();
  return n(a) === n(b) || n(b).startsWith(n(a));
}
