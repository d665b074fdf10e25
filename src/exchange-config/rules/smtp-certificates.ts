import type { Remediation } from '../../fix-commands/types';
import { ems, uniqueCommands } from '../../fix-commands/command';
import type { Command } from '../../fix-commands/types';
import { coversName, isGoodSmtpCertificate, replacementCertificate } from '../certificate-selection';
import { certificateUses, identitiesOf, portsOf, usersText, type CertificateUser } from '../certificate-users';
import { enableForSmtp, receiveConnectorId, restartFor, setTlsCertificateName, thumbprintArg } from '../commands';
import { certificateLabel, enabledForSmtp, isExpired } from '../exchange-certificate';
import { connectorPorts, hasTls, isInternetFacing, receiveConnectorPhrase, capitalise } from '../receive-connector';
import type { ExchangeCertificate, ExchangeFinding } from '../types';
import type { RuleContext } from './rule';

/** Point each user at `cert`, enabling it for SMTP first when needed. */
function rebind(users: readonly CertificateUser[], cert: ExchangeCertificate | undefined): Command[] {
  const commands: Command[] = [];
  if (cert && !enabledForSmtp(cert)) commands.push(enableForSmtp(cert));
  for (const u of users) commands.push(setTlsCertificateName(u.cmdlet, u.id, cert));
  commands.push(...users.map((u) => u.restart));
  return uniqueCommands(commands);
}

function notAfterText(cert: ExchangeCertificate): string {
  return `NotAfter: ${cert.notAfterText ?? '(not pasted)'}${cert.status ? `, Status: ${cert.status}` : ''}`;
}

/** An SMTP certificate past NotAfter: critical when a connector presents it. */
export function smtpCertificateExpired(ctx: RuleContext): ExchangeFinding[] {
  const uses = certificateUses(ctx.config, ctx.now);
  const out: ExchangeFinding[] = [];
  for (const cert of ctx.config.certificates) {
    if (!isExpired(cert, ctx.now)) continue;
    const users = uses.get(cert.thumbprint)?.users ?? [];
    if (users.length === 0 && !enabledForSmtp(cert)) continue;
    const replacement = replacementCertificate(ctx.config.certificates, ctx.now, {
      subject: cert.subject,
      host: users.find((u) => u.receive?.fqdn)?.receive?.fqdn,
    });
    const evidence = [`${certificateLabel(cert)}`, notAfterText(cert), ...users.map(usersText)];
    let remediation: Remediation;
    if (users.length > 0) {
      evidence.push(
        replacement
          ? `Current certificate: ${certificateLabel(replacement)}, issued by ${replacement.issuer ?? '?'}`
          : 'No unexpired CA-issued certificate was pasted: renew the certificate first.',
      );
      remediation = {
        platform: 'exchange-onprem',
        steps: [
          'Exchange still offers STARTTLS with an expired certificate (event 12016); senders that validate, Exchange Online among them, then refuse it (4.7.322 certificate-expired).',
          users.some((u) => u.by === 'fqdn')
            ? 'Enable the renewed certificate for SMTP so Exchange picks it by name, and name it in TlsCertificateName where a connector names the old one.'
            : 'Point every connector that names the old certificate at the renewed one.',
        ],
        commands: rebind(users, replacement),
      };
    } else {
      remediation = {
        platform: 'exchange-onprem',
        steps: cert.selfSigned
          ? ['Renew the self-signed certificate in place; internal transport uses it.']
          : ['No connector facing the Internet presents it, but it is still enabled for SMTP: once nothing names it in TlsCertificateName, remove it so Exchange cannot pick it by name.'],
        commands: cert.selfSigned
          ? [ems(`Get-ExchangeCertificate -Thumbprint ${thumbprintArg(cert)} | New-ExchangeCertificate -Force -PrivateKeyExportable $true`)]
          : [ems(`Remove-ExchangeCertificate -Thumbprint ${thumbprintArg(cert)}`)],
      };
    }
    out.push({
      id: 'smtp-certificate-expired',
      severity: users.length > 0 ? 'critical' : 'warning',
      ports: portsOf(users),
      title:
        users.length > 0
          ? `The certificate ${cert.subject ?? cert.thumbprint} that the connectors present has expired`
          : `Expired certificate ${cert.subject ?? cert.thumbprint} is still enabled for SMTP`,
      evidence,
      remediation: [remediation],
      objects: [cert.thumbprint, ...identitiesOf(users)],
    });
  }
  return out;
}

/** A self-signed certificate named by a connector facing the Internet or Exchange Online. */
export function smtpCertificateSelfSigned(ctx: RuleContext): ExchangeFinding[] {
  const out: ExchangeFinding[] = [];
  for (const { cert, users: all } of certificateUses(ctx.config, ctx.now).values()) {
    // Picked by Fqdn is connector-fqdn-not-covered's case; here the connector names it.
    const users = all.filter((u) => u.by === 'tls-certificate-name');
    if (!cert.selfSigned || users.length === 0) continue;
    const replacement = replacementCertificate(ctx.config.certificates, ctx.now, { host: users.find((u) => u.receive?.fqdn)?.receive?.fqdn });
    out.push({
      id: 'smtp-certificate-self-signed',
      severity: users.some((u) => u.hybridSend) ? 'critical' : 'warning',
      ports: portsOf(users),
      title: `Connectors present the self-signed certificate ${cert.subject ?? cert.thumbprint}`,
      evidence: [
        `${certificateLabel(cert)} is self-signed${cert.friendlyName ? ` ("${cert.friendlyName}")` : ''}`,
        ...users.map(usersText),
        replacement ? `CA-issued certificate available: ${certificateLabel(replacement)}` : 'No CA-issued certificate was pasted.',
      ],
      remediation: [
        {
          platform: 'exchange-onprem',
          steps: [
            'Senders that validate certificates, Exchange Online among them, do not trust a self-signed certificate (450 4.7.320 Certificate validation failed). Keep it for internal transport only.',
            replacement
              ? 'Name the CA-issued certificate in the connectors instead.'
              : 'Get a certificate from a public CA for the names senders use (New-ExchangeCertificate -GenerateRequest, then Import-ExchangeCertificate) and name it in the connectors.',
          ],
          commands: rebind(users, replacement),
        },
      ],
      objects: [cert.thumbprint, ...identitiesOf(users)],
    });
  }
  return out;
}

/** The certificate a connector needs lacks SMTP in Services. */
export function certificateNotEnabledForSmtp(ctx: RuleContext): ExchangeFinding[] {
  const certs = ctx.config.certificates;
  const byCert = new Map<string, { cert: ExchangeCertificate; lines: string[]; users: CertificateUser[]; critical: boolean }>();
  const add = (cert: ExchangeCertificate, line: string, user: CertificateUser, critical: boolean) => {
    const entry = byCert.get(cert.thumbprint) ?? { cert, lines: [], users: [], critical: false };
    entry.lines.push(line);
    entry.users.push(user);
    entry.critical ||= critical;
    byCert.set(cert.thumbprint, entry);
  };

  for (const { cert, users } of certificateUses(ctx.config, ctx.now).values()) {
    if (!cert.servicesKnown || enabledForSmtp(cert)) continue;
    for (const u of users.filter((x) => x.by === 'tls-certificate-name')) {
      add(cert, `${usersText(u)}: STARTTLS is offered but the TLS handshake fails.`, u, true);
    }
  }
  // TlsCertificateName empty: a CA certificate carries the Fqdn but is not eligible without SMTP.
  for (const rc of ctx.config.receiveConnectors) {
    if (!isInternetFacing(rc) || !hasTls(rc) || rc.tlsCertificateName.kind !== 'empty' || !rc.fqdn) continue;
    const fqdn = rc.fqdn;
    const covering = certs.filter((c) => !c.selfSigned && !isExpired(c, ctx.now) && coversName(c, fqdn));
    if (covering.length === 0 || covering.some((c) => isGoodSmtpCertificate(c, ctx.now))) continue;
    const cert = covering.find((c) => c.servicesKnown && !enabledForSmtp(c));
    if (!cert) continue;
    const fallback = certs.find((c) => c.selfSigned && enabledForSmtp(c) && coversName(c, fqdn));
    const user: CertificateUser = {
      cmdlet: 'Set-ReceiveConnector',
      label: receiveConnectorPhrase(rc),
      id: receiveConnectorId(rc),
      identity: rc.identity,
      ports: connectorPorts(rc),
      restart: restartFor(rc),
      by: 'fqdn',
      hybridSend: false,
      receive: rc,
    };
    add(
      cert,
      `${capitalise(receiveConnectorPhrase(rc))} looks for a certificate for its Fqdn ${fqdn}: this one carries it but is not eligible without SMTP, so Exchange ${fallback ? `presents the self-signed ${fallback.subject ?? fallback.thumbprint} instead` : 'finds none and offers no STARTTLS (event 12014)'}.`,
      user,
      fallback === undefined,
    );
  }

  return [...byCert.values()].map(({ cert, lines, users, critical }) => ({
    id: 'certificate-not-enabled-for-smtp' as const,
    severity: critical ? ('critical' as const) : ('warning' as const),
    ports: portsOf(users),
    title: `Certificate ${cert.subject ?? cert.thumbprint} is not enabled for SMTP`,
    evidence: [`${certificateLabel(cert)}: Services ${cert.services.length > 0 ? cert.services.join(', ') : 'None'}`, ...lines],
    remediation: [
      {
        platform: 'exchange-onprem' as const,
        steps: [
          'Enable the certificate for SMTP. This is additive: when asked whether to replace the default SMTP certificate, answer No (the self-signed one stays for internal transport).',
          'Restart the transport service and probe again.',
        ],
        commands: uniqueCommands([enableForSmtp(cert), ...users.map((u) => u.restart)]),
      },
    ],
    objects: [cert.thumbprint, ...identitiesOf(users)],
  }));
}
