import { DAY_MS } from '../../certificate/days-left';
import type { CertificateReport } from '../../certificate/types';
import { describeCertificate, servedCertificates } from '../certificates';
import { platformOf } from '../fingerprint';
import { notYetValidRemediation, renewalRemediation } from '../remediation/certificate-renewal';
import { formatDays, formatPorts } from '../text';
import type { DiagnosisInput, Finding } from '../types';
import { certificateContext, certificateSeverity } from './certificate-context';

export function isExpired(c: CertificateReport): boolean {
  return c.expired === true || c.daysLeft < 0 || c.trustError === 'CERT_HAS_EXPIRED';
}

/**
 * Not valid yet: OpenSSL said so, or more days are left than the certificate's whole
 * validity period spans (which needs no clock: daysLeft already carries "now").
 */
export function isNotYetValid(c: CertificateReport): boolean {
  if (c.trustError === 'CERT_NOT_YET_VALID') return true;
  const span = (Date.parse(c.notAfter) - Date.parse(c.notBefore)) / DAY_MS;
  return Number.isFinite(span) && c.daysLeft > Math.ceil(span);
}

/** cert-expired (critical): notAfter has passed (daysLeft below 0, or OpenSSL's CERT_HAS_EXPIRED). */
export function certExpired(input: DiagnosisInput): Finding[] {
  const platform = platformOf(input);
  return servedCertificates(input)
    .filter((s) => isExpired(s.certificate))
    .map((served) => {
      const c = served.certificate;
      const ago = c.daysLeft < 0 ? ` ${formatDays(c.daysLeft)} ago` : c.expired ? ' today' : '';
      const finding: Finding = {
        id: 'cert-expired',
        severity: certificateSeverity(input, platform, 'cert-expired', served.ports),
        ports: served.ports,
        title: `The certificate on ${formatPorts(served.ports)} expired${ago}`,
        evidence: [
          `${formatPorts(served.ports)}: certificate ${describeCertificate(c)} valid until ${c.notAfter} (${ago ? `expired${ago}` : 'OpenSSL reports it expired'})`,
        ],
        remediation: renewalRemediation(certificateContext(input, platform, served), 'expired'),
      };
      return finding;
    });
}

/** cert-expiring-soon (warning): 0 <= daysLeft <= options.expiryWarningDays. */
export function certExpiringSoon(input: DiagnosisInput): Finding[] {
  const platform = platformOf(input);
  const limit = input.options.expiryWarningDays;
  return servedCertificates(input)
    .filter((s) => !isExpired(s.certificate) && s.certificate.daysLeft <= limit)
    .map((served) => {
      const c = served.certificate;
      const when = c.daysLeft === 0 ? 'today' : `in ${formatDays(c.daysLeft)}`;
      const finding: Finding = {
        id: 'cert-expiring-soon',
        severity: 'warning',
        ports: served.ports,
        title: `The certificate on ${formatPorts(served.ports)} expires ${when}`,
        evidence: [
          `${formatPorts(served.ports)}: certificate ${describeCertificate(c)} valid until ${c.notAfter} (${c.daysLeft} days left; warning threshold ${limit} days)`,
        ],
        remediation: renewalRemediation(certificateContext(input, platform, served), 'expiring'),
      };
      return finding;
    });
}

/** cert-not-yet-valid (critical): notBefore is still in the future. */
export function certNotYetValid(input: DiagnosisInput): Finding[] {
  const platform = platformOf(input);
  return servedCertificates(input)
    .filter((s) => isNotYetValid(s.certificate))
    .map((served) => {
      const c = served.certificate;
      const finding: Finding = {
        id: 'cert-not-yet-valid',
        severity: certificateSeverity(input, platform, 'cert-not-yet-valid', served.ports),
        ports: served.ports,
        title: `The certificate on ${formatPorts(served.ports)} is not valid yet (valid from ${c.notBefore})`,
        evidence: [`${formatPorts(served.ports)}: certificate ${describeCertificate(c)} valid from ${c.notBefore} until ${c.notAfter}`],
        remediation: notYetValidRemediation(certificateContext(input, platform, served)),
      };
      return finding;
    });
}
