import type { CertificateReport } from '../../certificate/types';
import { ems, powershell } from '../../fix-commands/command';
import { literal, readOnlyCmdlet, receiveConnectorId, restartFor } from '../commands';
import { certificateLabel } from '../exchange-certificate';
import { anyNameCovers, isInternalName } from '../host-names';
import { hasTls, receiveConnectorLabel } from '../receive-connector';
import type { RuleContext } from '../rules/rule';
import { commonName, namesCertificate, normaliseDistinguishedName } from '../tls-certificate-name';
import type { ExchangeFinding, ReceiveConnector } from '../types';
import { portAnswers, type PortAnswer } from './port-answers';

interface Served {
  answer: PortAnswer;
  cert: CertificateReport;
  /** The connector that presented it, when the evidence singles one out. */
  connector?: ReceiveConnector;
}

function served(ctx: RuleContext): Served[] {
  if (!ctx.report) return [];
  return portAnswers(ctx.report, ctx.config).flatMap((answer) => {
    const cert = answer.report.certificate;
    if (!cert) return [];
    // Without a SIZE match, the one connector with Tls presented it, unless SIZE says otherwise.
    const withTls = answer.bound.filter(hasTls);
    const sole = withTls.length === 1 ? withTls[0] : undefined;
    const contradicted = sole !== undefined && answer.size !== undefined && sole.maxMessageSize !== undefined && sole.maxMessageSize !== answer.size;
    const connector = answer.answering ?? (contradicted ? undefined : sole);
    return [{ answer, cert, connector }];
  });
}

function servedNames(cert: CertificateReport): string[] {
  const cn = commonName(cert.subject);
  return cn && !cert.san.some((n) => n.toLowerCase() === cn.toLowerCase()) ? [...cert.san, cn] : [...cert.san];
}

function servedLine(port: number, cert: CertificateReport): string {
  return `Port ${port} served Subject "${cert.subject}", Issuer "${cert.issuer}" (thumbprint ${cert.sha1Thumbprint}).`;
}

/** The certificate served is not the one the answering connector's TlsCertificateName names. */
export function servedCertificateDiffers(ctx: RuleContext): ExchangeFinding[] {
  const out: ExchangeFinding[] = [];
  for (const s of served(ctx)) {
    const rc = s.connector;
    if (!rc || rc.tlsCertificateName.kind !== 'ok') continue;
    if (namesCertificate(rc.tlsCertificateName.value, s.cert)) continue;
    const port = s.answer.report.port;
    const inStore = ctx.config.certificates.find((c) => c.thumbprint === s.cert.sha1Thumbprint.toUpperCase());
    const sameSubject = normaliseDistinguishedName(s.cert.subject) === normaliseDistinguishedName(rc.tlsCertificateName.value.subject);
    out.push({
      id: 'served-certificate-differs-from-tls-certificate-name',
      severity: 'warning',
      ports: [port],
      title: `Port ${port} served a certificate other than the one ${receiveConnectorLabel(rc)} names`,
      evidence: [
        servedLine(port, s.cert),
        `TlsCertificateName of ${receiveConnectorLabel(rc)}: ${rc.tlsCertificateName.value.raw}`,
        `The served certificate's value would be: ${s.cert.exchangeTlsCertificateName}`,
        ...(sameSubject ? ['Same Subject, different Issuer: a renewed certificate from a new intermediate.'] : []),
        ...(inStore ? [`The served certificate is in the pasted store: ${certificateLabel(inStore)}.`] : []),
      ],
      remediation: [
        {
          platform: 'exchange-onprem',
          steps: [
            'Exchange presents the certificate TlsCertificateName names. Serving another one means another connector or server answered the probe, a device in front of Exchange terminated TLS, or the value was changed without restarting the transport service.',
            'Compare the connectors and certificates below with what the probe saw; if the served certificate is the right one, name it in TlsCertificateName.',
          ],
          commands: [readOnlyCmdlet('receive-connectors'), readOnlyCmdlet('certificates'), restartFor(rc)],
        },
      ],
      objects: rc.identity ? [rc.identity] : [],
    });
  }
  return out;
}

/** The served certificate is none of the pasted ones: not this server's store. */
export function servedCertificateNotOnServer(ctx: RuleContext): ExchangeFinding[] {
  const certs = ctx.config.certificates;
  if (certs.length === 0) return [];
  return served(ctx)
    .filter((s) => !certs.some((c) => c.thumbprint === s.cert.sha1Thumbprint.toUpperCase()))
    .map((s) => {
      const port = s.answer.report.port;
      return {
        id: 'served-certificate-not-on-server' as const,
        severity: 'warning' as const,
        ports: [port],
        title: `Port ${port} served a certificate that is not among the pasted certificates`,
        evidence: [servedLine(port, s.cert), `Pasted thumbprints: ${certs.map((c) => c.thumbprint).join(', ')}`],
        remediation: [
          {
            platform: 'exchange-onprem' as const,
            steps: [
              "Another server answered the probe (a second Exchange server or a load balancer behind the name), or a firewall or mail gateway in front of Exchange terminated TLS with its own certificate.",
              'Paste Get-ExchangeCertificate from every server behind the name, and check what the name resolves to.',
            ],
            commands: [readOnlyCmdlet('certificates'), powershell(`Resolve-DnsName ${literal(ctx.report?.host, '<probed host>')}`)],
          },
        ],
        objects: [],
      };
    });
}

/** The served certificate does not carry the answering connector's Fqdn. */
export function servedNamesMissFqdn(ctx: RuleContext): ExchangeFinding[] {
  const out: ExchangeFinding[] = [];
  for (const s of served(ctx)) {
    const rc = s.connector;
    if (!rc?.fqdn) continue;
    const names = servedNames(s.cert);
    if (anyNameCovers(names, rc.fqdn)) continue;
    const port = s.answer.report.port;
    const probed = ctx.report?.host;
    const suggestion = probed && anyNameCovers(names, probed) ? probed : names.find((n) => !n.includes('*') && !isInternalName(n));
    out.push({
      id: 'served-names-miss-fqdn',
      severity: 'warning',
      ports: [port],
      title: `The certificate served on port ${port} does not carry ${rc.fqdn}, the Fqdn of ${receiveConnectorLabel(rc)}`,
      evidence: [servedLine(port, s.cert), `Names on it: ${names.join(', ') || '(none)'}`, `Fqdn of ${receiveConnectorLabel(rc)}: ${rc.fqdn}`],
      remediation: [
        {
          platform: 'exchange-onprem',
          steps: [
            'The connector announces a name its certificate does not carry; senders that check the name fail, and with TlsCertificateName empty Exchange picks the certificate by that name.',
            'Set the Fqdn to the public name senders connect to, one on the certificate. Leave the hub connector "Default <SRV>" (port 2525) as it is.',
          ],
          commands: [ems(`Set-ReceiveConnector ${receiveConnectorId(rc)} -Fqdn ${literal(suggestion, '<public host name on the certificate>')}`), restartFor(rc)],
        },
      ],
      objects: rc.identity ? [rc.identity] : [],
    });
  }
  return out;
}
