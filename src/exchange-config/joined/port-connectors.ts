import type { Remediation } from '../../fix-commands/types';
import { ems, uniqueCommands } from '../../fix-commands/command';
import { replacementCertificate, selectForReceiveConnector } from '../certificate-selection';
import { EVENT_12014, readOnlyCmdlet, receiveConnectorId, restartFor, setTlsCertificateName } from '../commands';
import { certificateLabel, enabledForSmtp, isExpired } from '../exchange-certificate';
import { capitalise, hasTls, receiveConnectorLabel, receiveConnectorPhrase } from '../receive-connector';
import type { RuleContext } from '../rules/rule';
import type { ExchangeFinding, ReceiveConnector } from '../types';
import { clip, hasFlag } from '../values';
import { DEFAULT_SIZE, hasCapability, portAnswers, sizeText, type PortAnswer } from './port-answers';

function answers(ctx: RuleContext): PortAnswer[] {
  return ctx.report ? portAnswers(ctx.report, ctx.config) : [];
}

function labels(rcs: readonly ReceiveConnector[]): string {
  return rcs.map(receiveConnectorLabel).join(', ');
}

function identities(rcs: readonly ReceiveConnector[]): string[] {
  return rcs.flatMap((rc) => (rc.identity ? [rc.identity] : []));
}

/** SIZE equals a pasted connector's MaxMessageSize: that connector answered the probe. */
export function portAnsweredByConnector(ctx: RuleContext): ExchangeFinding[] {
  return answers(ctx)
    .filter((a) => a.bySize.length > 0)
    .map((a) => {
      const port = a.report.port;
      const one = a.bySize.length === 1 ? a.bySize[0] : undefined;
      const tls = a.report.starttls.advertised || a.report.mode === 'implicit-tls';
      const evidence = [
        `Port ${port} advertised ${sizeText(a.size)}.`,
        one
          ? `That is the MaxMessageSize of ${receiveConnectorLabel(one)}, the only connector bound to port ${port} with it.`
          : `That is the MaxMessageSize of ${labels(a.bySize)}: SIZE does not tell them apart.`,
      ];
      if (one && a.report.mode === 'starttls') {
        evidence.push(
          `It answered ${tls ? 'with' : 'without'} STARTTLS; the connector's AuthMechanism ${hasTls(one) ? 'has' : 'lacks'} Tls${tls === hasTls(one) ? ', consistent with it' : ''}.`,
        );
      }
      return {
        id: 'port-answered-by-connector' as const,
        severity: 'info' as const,
        ports: [port],
        title: one ? `Port ${port} was answered by ${receiveConnectorPhrase(one)}` : `Port ${port} was answered by one of ${labels(a.bySize)}`,
        evidence,
        remediation: [],
        objects: identities(a.bySize),
      };
    });
}

/** The probe reached a connector that is not in the paste. */
export function portAnsweredByUnlistedConnector(ctx: RuleContext): ExchangeFinding[] {
  if (ctx.config.receiveConnectors.length === 0) return [];
  const out: ExchangeFinding[] = [];
  for (const a of answers(ctx)) {
    const port = a.report.port;
    const noneBound = a.bound.length === 0;
    const sizeMismatch = !noneBound && a.size !== undefined && a.bySize.length === 0 && a.bound.every((rc) => rc.maxMessageSize !== undefined);
    if (!noneBound && !sizeMismatch) continue;
    const pastedPorts = [...new Set(ctx.config.receiveConnectors.flatMap((rc) => rc.bindings.map((b) => b.port)))].sort((x, y) => x - y);
    const evidence = noneBound
      ? [
          `Port ${port} answered EHLO (${sizeText(a.size)}), but no pasted receive connector binds port ${port}.`,
          `The pasted connectors bind port${pastedPorts.length === 1 ? '' : 's'} ${pastedPorts.join(', ')} only: port ${port} is answered by a different connector.`,
        ]
      : [
          `Port ${port} advertised ${sizeText(a.size)}; the connectors bound to port ${port} have other sizes:`,
          ...a.bound.map((rc) => `${capitalise(receiveConnectorLabel(rc))}: MaxMessageSize ${rc.maxMessageSizeText ?? '?'}`),
        ];
    out.push({
      id: 'port-answered-by-unlisted-connector',
      severity: noneBound ? 'info' : 'warning',
      ports: [port],
      title: noneBound
        ? `Port ${port} is answered by a connector that is not in the paste`
        : `Port ${port} was answered by none of the pasted connectors bound to it`,
      evidence,
      remediation: [
        {
          platform: 'exchange-onprem',
          steps: [
            noneBound
              ? `Paste the connector bound to port ${port} too: the command below lists every receive connector with its Bindings.`
              : `Another receive connector, another Exchange server behind the same name, or a device in front of Exchange answered. Look for a connector whose MaxMessageSize shows ${a.size ?? '?'} bytes, and check that the probed name resolves to this server.`,
          ],
          commands: [readOnlyCmdlet('receive-connectors')],
        },
      ],
      objects: identities(a.bound),
    });
  }
  return out;
}

/** Why a port has no STARTTLS although a connector with Tls is bound to it: certificate or another connector. */
export function starttlsMissingOnTlsConnector(ctx: RuleContext): ExchangeFinding[] {
  const out: ExchangeFinding[] = [];
  for (const a of answers(ctx)) {
    const r = a.report;
    if (r.mode !== 'starttls' || r.starttls.advertised) continue;
    const tlsBound = a.bound.filter(hasTls);
    if (tlsBound.length === 0) continue;
    if (a.answering && !hasTls(a.answering)) continue; // receive-connector-no-tls explains it
    const suspects = a.answering && hasTls(a.answering) ? [a.answering] : tlsBound;
    out.push(starttlsMissing(ctx, a, suspects));
  }
  return out;
}

interface CertificateVerdict {
  /** true: the certificate is the cause; false: ruled out; undefined: unknown. */
  cause?: boolean;
  lines: string[];
}

function certificateVerdict(ctx: RuleContext, rc: ReceiveConnector): CertificateVerdict {
  const certs = ctx.config.certificates;
  const tcn = rc.tlsCertificateName;
  const label = capitalise(receiveConnectorLabel(rc));
  if (tcn.kind === 'malformed') return { cause: true, lines: [`${label}: TlsCertificateName is malformed (${tcn.reason}), so it names no certificate.`] };
  if (certs.length === 0) {
    return {
      lines: [
        tcn.kind === 'ok'
          ? `${label}: TlsCertificateName names Issuer "${tcn.value.issuer}" and Subject "${tcn.value.damaged ? clip(tcn.value.subject, 40) : tcn.value.subject}"; the certificates were not pasted, so whether the server has it enabled for SMTP is unknown.`
          : `${label}: TlsCertificateName is empty, so Exchange needs a certificate for ${rc.fqdn ?? 'its Fqdn'} enabled for SMTP; the certificates were not pasted.`,
      ],
    };
  }
  const sel = selectForReceiveConnector(rc, certs, ctx.now);
  if (sel.by === 'unknown') return { lines: [] };
  if (!sel.chosen) {
    return {
      cause: true,
      lines: [
        sel.by === 'tls-certificate-name'
          ? `${label}: no pasted certificate has the Issuer and Subject its TlsCertificateName names: no STARTTLS (event 12014).`
          : `${label}: no pasted certificate enabled for SMTP carries its Fqdn ${sel.name}: no STARTTLS (event 12014).`,
      ],
    };
  }
  const c = sel.chosen;
  if (!enabledForSmtp(c) && c.servicesKnown) return { cause: true, lines: [`${label}: it presents ${certificateLabel(c)}, which is not enabled for SMTP.`] };
  return {
    cause: false,
    lines: [`${label}: it finds ${certificateLabel(c)}${enabledForSmtp(c) ? ', enabled for SMTP' : ''}${isExpired(c, ctx.now) ? ' (expired, still offered)' : ''}: the certificate does not explain a missing STARTTLS.`],
  };
}

function starttlsMissing(ctx: RuleContext, a: PortAnswer, suspects: ReceiveConnector[]): ExchangeFinding {
  const r = a.report;
  const port = r.port;
  const auth = hasCapability(r, 'AUTH');
  const anon = hasCapability(r, 'X-ANONYMOUSTLS');
  const evidence = [
    `Port ${port} answered EHLO without STARTTLS: ${sizeText(a.size)}, ${auth ? 'with' : 'no'} AUTH, ${anon ? 'with' : 'no'} X-ANONYMOUSTLS.`,
    ...suspects.map(
      (rc) => `${capitalise(receiveConnectorPhrase(rc))} binds ${rc.bindingsText.trim()} with AuthMechanism ${rc.authMechanism.join(', ')}: it offers STARTTLS once it has a certificate.`,
    ),
  ];

  // Cause B: marks of another connector in the answer.
  const marks: string[] = [];
  for (const rc of suspects) {
    const label = receiveConnectorLabel(rc);
    if (a.size !== undefined && rc.maxMessageSize !== undefined && rc.maxMessageSize !== a.size) {
      marks.push(`${sizeText(a.size)} differs from the MaxMessageSize of ${label} (${rc.maxMessageSizeText}).`);
    } else if (rc.maxMessageSize === undefined && a.size !== undefined) {
      marks.push(`The MaxMessageSize of ${label} is not in the paste, so SIZE cannot confirm it answered${a.size !== DEFAULT_SIZE ? `; ${a.size} is not Exchange's default ${DEFAULT_SIZE}` : ''}.`);
    }
    if (!auth && (hasFlag(rc.authMechanism, 'Integrated') || (hasFlag(rc.authMechanism, 'BasicAuth') && !hasFlag(rc.authMechanism, 'BasicAuthRequireTLS')))) {
      marks.push(`The answer has no AUTH, yet ${label} allows ${hasFlag(rc.authMechanism, 'Integrated') ? 'Integrated (AUTH NTLM is offered before TLS)' : 'BasicAuth without TLS'}.`);
    }
    if (!anon && rc.suppressXAnonymousTls === false && hasFlag(rc.authMechanism, 'ExchangeServer')) {
      marks.push(`The answer has no X-ANONYMOUSTLS, which ${label} (SuppressXAnonymousTls False) normally lists.`);
    }
  }
  const strongOther = marks.some((m) => m.includes('differs from the MaxMessageSize') || m.includes('has no AUTH'));

  const verdicts = suspects.map((rc) => certificateVerdict(ctx, rc));
  const certCause = verdicts.some((v) => v.cause === true);
  const certRuledOut = verdicts.length > 0 && verdicts.every((v) => v.cause === false);

  const certificate =
    `Certificate: the connector's TlsCertificateName names a certificate the server does not have or has not enabled for SMTP, for example one that was renewed (KB 2989382). Exchange does not fall back to the Fqdn: it offers no STARTTLS and logs event 12014 (MSExchangeFrontEndTransport). What tells: Get-ExchangeCertificate lists no certificate with exactly that Issuer and Subject and SMTP in Services, and event 12014 is logged.`;
  const otherConnector =
    `Another connector: a second receive connector bound to port ${port} (typically a relay connector without Tls) answers the senders in its more specific RemoteIPRanges, the probe among them. What tells: a connector bound to port ${port} whose MaxMessageSize shows ${a.size ?? '?'} bytes and whose RemoteIPRanges contain the sender's address.`;
  let verdict: string;
  if (certCause) verdict = 'The pasted configuration confirms the certificate cause; fix it first, then probe again.';
  else if (strongOther) verdict = `The answer points to another connector (see the evidence)${certRuledOut ? '; the pasted certificates rule out the certificate cause' : ''}.`;
  else if (certRuledOut) verdict = 'The pasted certificates rule out the certificate cause: look for the other connector.';
  else verdict = 'Run the read-only commands below to tell the two apart.';
  const steps = strongOther && !certCause ? [otherConnector, certificate, verdict] : [certificate, otherConnector, verdict];

  const commands = [readOnlyCmdlet('certificates'), EVENT_12014, readOnlyCmdlet('receive-connectors')];
  const replacement = replacementCertificate(ctx.config.certificates, ctx.now, {
    subject: suspects[0].tlsCertificateName.kind === 'ok' ? suspects[0].tlsCertificateName.value.subject : undefined,
    host: suspects[0].fqdn,
  });
  for (const rc of suspects) commands.push(setTlsCertificateName('Set-ReceiveConnector', receiveConnectorId(rc), replacement));
  commands.push(ems("Set-ReceiveConnector '<SRV>\\<connector that answered>' -AuthMechanism Tls,ExternalAuthoritative"));
  commands.push(...suspects.map(restartFor));

  const remediation: Remediation = { platform: 'exchange-onprem', steps, commands: uniqueCommands(commands) };
  return {
    id: 'starttls-missing-on-tls-connector',
    severity: 'critical',
    ports: [port],
    title: `Port ${port} offers no STARTTLS although ${suspects.length === 1 ? receiveConnectorPhrase(suspects[0]) : labels(suspects)} bound to it ${suspects.length === 1 ? 'has' : 'have'} Tls`,
    evidence: [...evidence, ...marks, ...verdicts.flatMap((v) => v.lines)],
    remediation: [remediation],
    objects: identities(suspects),
  };
}
