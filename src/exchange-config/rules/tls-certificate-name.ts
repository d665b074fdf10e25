import type { Severity } from '../../diagnosis/types';
import type { Remediation } from '../../fix-commands/types';
import type { Command } from '../../fix-commands/types';
import { certificatesNamedBy, replacementCertificate, selectForReceiveConnector } from '../certificate-selection';
import { EVENT_12014, RESTART_TRANSPORT, connectorId, enableForSmtp, receiveConnectorId, restartFor, setTlsCertificateName } from '../commands';
import { certificateLabel, enabledForSmtp } from '../exchange-certificate';
import { connectorPorts, hasTls, isInternetFacing, receiveConnectorPhrase } from '../receive-connector';
import { isHybridSendConnector } from '../send-connector';
import { normaliseDistinguishedName } from '../tls-certificate-name';
import type { ExchangeCertificate, ExchangeFinding, ReceiveConnector, SendConnector, TlsCertificateNameParse, TlsCertificateNameValue } from '../types';
import type { RuleContext } from './rule';

/** A connector that names (or should name) its certificate in TlsCertificateName. */
interface Target {
  cmdlet: 'Set-ReceiveConnector' | 'Set-SendConnector';
  label: string;
  id: string;
  identity?: string;
  ports: number[];
  tcn: TlsCertificateNameParse;
  /** Name to look for a replacement certificate by. */
  host?: string;
  severity: Severity;
  restart: Command;
  receive?: ReceiveConnector;
}

function targets(ctx: RuleContext): Target[] {
  const receive = ctx.config.receiveConnectors
    .filter((rc) => rc.enabled && hasTls(rc))
    .map(
      (rc): Target => ({
        cmdlet: 'Set-ReceiveConnector',
        label: receiveConnectorPhrase(rc),
        id: receiveConnectorId(rc),
        identity: rc.identity,
        ports: connectorPorts(rc),
        tcn: rc.tlsCertificateName,
        host: rc.fqdn,
        severity: isInternetFacing(rc) ? 'critical' : 'warning',
        restart: restartFor(rc),
        receive: rc,
      }),
    );
  const send = ctx.config.sendConnectors
    .filter((sc) => sc.enabled)
    .map(
      (sc: SendConnector): Target => ({
        cmdlet: 'Set-SendConnector',
        label: `send connector "${sc.identity}"`,
        id: connectorId(sc),
        identity: sc.identity,
        ports: [],
        tcn: sc.tlsCertificateName,
        host: sc.fqdn,
        severity: isHybridSendConnector(sc) ? 'critical' : 'warning',
        restart: RESTART_TRANSPORT,
      }),
    );
  return [...receive, ...send];
}

/** tls-certificate-name-empty (information): an Internet-facing receive connector leaves the choice to its Fqdn. */
export function tlsCertificateNameEmpty(ctx: RuleContext): ExchangeFinding[] {
  return targets(ctx).flatMap((t) => (t.tcn.kind === 'empty' && t.receive && isInternetFacing(t.receive) ? [empty(ctx, t, t.receive)] : []));
}

/** tls-certificate-name-malformed: not in the <I>issuer<S>subject form. */
export function tlsCertificateNameMalformed(ctx: RuleContext): ExchangeFinding[] {
  return targets(ctx).flatMap((t) => (t.tcn.kind === 'malformed' ? [malformed(ctx, t, t.tcn.raw, t.tcn.reason)] : []));
}

/** tls-certificate-name-not-found: names none of the pasted certificates (checked only when some were pasted). */
export function tlsCertificateNameNotFound(ctx: RuleContext): ExchangeFinding[] {
  if (ctx.config.certificates.length === 0) return [];
  return targets(ctx).flatMap((t) =>
    t.tcn.kind === 'ok' && certificatesNamedBy(t.tcn.value, ctx.config.certificates).length === 0 ? [notFound(ctx, t, t.tcn.value)] : [],
  );
}

function bindCommands(t: Target, cert: ExchangeCertificate | undefined): Command[] {
  const commands = [setTlsCertificateName(t.cmdlet, t.id, cert)];
  if (cert && !enabledForSmtp(cert)) commands.unshift(enableForSmtp(cert));
  commands.push(t.restart);
  return commands;
}

function replacementEvidence(cert: ExchangeCertificate | undefined, pasted: boolean): string {
  if (cert) return `Certificate to use: ${certificateLabel(cert)}, issued by ${cert.issuer ?? '(issuer not pasted)'}`;
  return pasted
    ? 'No pasted certificate is CA-issued, unexpired and has a private key: install one from a public CA first.'
    : 'Certificates were not pasted: the command builds the value from the certificate with thumbprint <TP>.';
}

function empty(ctx: RuleContext, t: Target, rc: ReceiveConnector): ExchangeFinding {
  const certs = ctx.config.certificates;
  const evidence = [`TlsCertificateName is empty: Exchange picks the certificate by the connector's Fqdn (${rc.fqdn ?? 'not in the paste'}).`];
  const selection = selectForReceiveConnector(rc, certs, ctx.now);
  if (certs.length > 0 && selection.by === 'fqdn') {
    evidence.push(
      selection.chosen
        ? `By that name it picks ${certificateLabel(selection.chosen)}.`
        : 'No pasted certificate enabled for SMTP carries that name.',
    );
  }
  const cert = replacementCertificate(certs, ctx.now, { host: rc.fqdn });
  return {
    id: 'tls-certificate-name-empty',
    severity: 'info',
    ports: t.ports,
    title: `TlsCertificateName of ${t.label} is empty: the certificate is chosen by name`,
    evidence: certs.length > 0 ? [...evidence, replacementEvidence(cert, true)] : evidence,
    remediation: [
      {
        platform: 'exchange-onprem',
        steps: [
          'Naming the certificate makes the choice explicit and is what the Hybrid Configuration Wizard does; renewals then need the value updated.',
          "Build the value from the certificate's Issuer and Subject exactly as Get-ExchangeCertificate prints them.",
        ],
        commands: bindCommands(t, cert),
      },
    ],
    objects: t.identity ? [t.identity] : [],
  };
}

function malformed(ctx: RuleContext, t: Target, raw: string, reason: string): ExchangeFinding {
  const certs = ctx.config.certificates;
  const cert = replacementCertificate(certs, ctx.now, { host: t.host });
  return {
    id: 'tls-certificate-name-malformed',
    severity: t.severity,
    ports: t.ports,
    title: `TlsCertificateName of ${t.label} is not in the <I>issuer<S>subject form`,
    evidence: [`TlsCertificateName: ${raw}`, `Problem: ${reason}.`, replacementEvidence(cert, certs.length > 0)],
    remediation: [
      {
        platform: 'exchange-onprem',
        steps: [
          t.cmdlet === 'Set-ReceiveConnector'
            ? 'A value that names no certificate leaves the connector without one: no STARTTLS, event 12014 in the Application log. Exchange does not fall back to the Fqdn.'
            : 'A send connector whose TlsCertificateName names no certificate fails TLS (454 4.7.5 The certificate specified in TlsCertificateName of the SendConnector could not be found).',
          'Set the value to <I> + Issuer + <S> + Subject of the certificate, each exactly as Get-ExchangeCertificate prints them.',
        ],
        commands: bindCommands(t, cert),
      },
    ],
    objects: t.identity ? [t.identity] : [],
  };
}

function notFound(ctx: RuleContext, t: Target, value: TlsCertificateNameValue): ExchangeFinding {
  const certs = ctx.config.certificates;
  const subject = normaliseDistinguishedName(value.subject);
  const issuer = normaliseDistinguishedName(value.issuer);
  const evidence = [
    `TlsCertificateName: ${value.raw}`,
    `None of the ${certs.length} pasted certificates has Issuer "${issuer}" and Subject "${subject}".`,
  ];
  const renewed = certs.filter((c) => c.subject && normaliseDistinguishedName(c.subject) === subject);
  for (const c of renewed) {
    evidence.push(`${certificateLabel(c)} has the same Subject but Issuer "${c.issuer ?? '?'}": the certificate was renewed and the connector still names the old one (KB 2989382).`);
  }
  const swapped = certs.find((c) => c.subject && c.issuer && normaliseDistinguishedName(c.issuer) === subject && normaliseDistinguishedName(c.subject) === issuer);
  if (swapped) evidence.push(`Issuer and Subject are swapped: ${certificateLabel(swapped)} matches them the other way round.`);
  const cert = replacementCertificate(certs, ctx.now, { subject: value.subject, host: t.host });
  evidence.push(replacementEvidence(cert, true));

  const consequence =
    t.cmdlet === 'Set-ReceiveConnector'
      ? 'Exchange finds no certificate for this connector and does not fall back to the Fqdn: it offers no STARTTLS and logs event 12014 (MSExchangeFrontEndTransport). Exchange Online then reports 451 5.7.3 STARTTLS is required to send mail.'
      : 'The send connector cannot present its certificate: 454 4.7.5 The certificate specified in TlsCertificateName of the SendConnector could not be found, or TLS negotiation failed with error NoCredentials in the send log.';
  const remediation: Remediation = {
    platform: 'exchange-onprem',
    steps: [consequence, 'Point TlsCertificateName at the current certificate, then restart the transport service.'],
    commands: t.cmdlet === 'Set-ReceiveConnector' ? [EVENT_12014, ...bindCommands(t, cert)] : bindCommands(t, cert),
  };
  return {
    id: 'tls-certificate-name-not-found',
    severity: t.severity,
    ports: t.ports,
    title: `TlsCertificateName of ${t.label} names a certificate that is not on the server`,
    evidence,
    remediation: [remediation],
    objects: t.identity ? [t.identity] : [],
  };
}
