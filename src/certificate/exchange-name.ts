import type Forge from 'node-forge';
import { issuerDistinguishedName, subjectDistinguishedName } from './distinguished-name';

/**
 * The value Set-ReceiveConnector / Set-SendConnector -TlsCertificateName
 * expects: `<I>` issuer `<S>` subject, both as Get-ExchangeCertificate prints them.
 */
export function exchangeTlsCertificateName(cert: Forge.pki.Certificate | Buffer): string {
  return formatExchangeTlsCertificateName(issuerDistinguishedName(cert), subjectDistinguishedName(cert));
}

export function formatExchangeTlsCertificateName(issuer: string, subject: string): string {
  return `<I>${issuer}<S>${subject}`;
}
