import type { Remediation } from '../../fix-commands/types';
import { ems } from '../../fix-commands/command';
import type { Command } from '../../fix-commands/types';
import { certificateNames, certificatesNamedBy, coversName, replacementCertificate } from '../certificate-selection';
import { literal, receiveConnectorId, restartFor, setTlsCertificateName } from '../commands';
import { certificateLabel, enabledForSmtp } from '../exchange-certificate';
import { anyNameCovers, isInternalName } from '../host-names';
import { connectorPorts, hasTls, isInternetFacing, receiveConnectorPhrase } from '../receive-connector';
import { commonName } from '../tls-certificate-name';
import type { ExchangeCertificate, ExchangeFinding, ReceiveConnector } from '../types';
import type { RuleContext } from './rule';

/** The Fqdn of a connector on port 25 is on no CA-issued certificate it could present. */
export function connectorFqdnNotCovered(ctx: RuleContext): ExchangeFinding[] {
  const out: ExchangeFinding[] = [];
  for (const rc of ctx.config.receiveConnectors) {
    if (!isInternetFacing(rc) || !hasTls(rc) || !rc.fqdn) continue;
    const f = rc.tlsCertificateName.kind === 'ok' ? namedCase(ctx, rc, rc.fqdn) : rc.tlsCertificateName.kind === 'empty' ? emptyCase(ctx, rc, rc.fqdn) : undefined;
    if (f) out.push(f);
  }
  return out;
}

function internalNote(fqdn: string): string[] {
  return isInternalName(fqdn) ? [`${fqdn} is an internal name: no public CA issues certificates for it, so only a self-signed or private certificate can carry it.`] : [];
}

/** A public name to announce instead: the probed host when the certificate covers it, else one of its names. */
function suggestedFqdn(ctx: RuleContext, names: readonly string[]): string {
  const probed = ctx.report?.host;
  if (probed && !isInternalName(probed) && anyNameCovers(names, probed)) return probed;
  const plain = names.find((n) => !n.includes('*') && !isInternalName(n) && n.split('.').length > 2);
  if (plain) return plain;
  const wildcard = names.find((n) => n.startsWith('*.'));
  return wildcard ? `<host>${wildcard.slice(1)}` : '<public host name on the certificate>';
}

function fqdnCommand(rc: ReceiveConnector, fqdn: string): Command {
  const value = fqdn.startsWith('<') ? fqdn : literal(fqdn, '<host>');
  return ems(`Set-ReceiveConnector ${receiveConnectorId(rc)} -Fqdn ${value}`);
}

const HUB_CAVEAT = 'Change the Fqdn on this frontend connector only; the hub connector "Default <SRV>" (port 2525) must keep the server name.';

function namedCase(ctx: RuleContext, rc: ReceiveConnector, fqdn: string): ExchangeFinding | undefined {
  if (rc.tlsCertificateName.kind !== 'ok') return undefined;
  const value = rc.tlsCertificateName.value;
  const certs = ctx.config.certificates;
  let names: string[];
  let whose: string;
  if (certs.length > 0) {
    const named = certificatesNamedBy(value, certs);
    if (named.length === 0) return undefined; // tls-certificate-name-not-found says it
    names = [...new Set(named.flatMap(certificateNames))];
    whose = `the certificate TlsCertificateName names, ${certificateLabel(named[0])}`;
  } else {
    const cn = commonName(value.subject);
    // Only the CN is known without the certificate list; its other names may cover a public Fqdn.
    if (!cn || !isInternalName(fqdn)) return undefined;
    names = [cn];
    whose = 'the certificate TlsCertificateName names (judged by the CN in TlsCertificateName; its other names need Get-ExchangeCertificate)';
  }
  if (anyNameCovers(names, fqdn)) return undefined;
  const suggestion = suggestedFqdn(ctx, names);
  return {
    id: 'connector-fqdn-not-covered',
    severity: 'warning',
    ports: connectorPorts(rc),
    title: `The Fqdn ${fqdn} of ${receiveConnectorPhrase(rc)} is not on its certificate`,
    evidence: [
      `Fqdn: ${fqdn}`,
      `Names on ${whose}: ${names.join(', ')}`,
      ...internalNote(fqdn),
      'TlsCertificateName is set, so Exchange picks the certificate by it rather than by the Fqdn.',
    ],
    remediation: [
      {
        platform: 'exchange-onprem',
        steps: [
          `The connector announces ${fqdn} in its banner and EHLO, a name the certificate does not carry. Senders that check the name reject it, and whenever TlsCertificateName stops matching (a renewal) Exchange has no certificate to fall back on for that name.`,
          `Set the Fqdn to the public name senders connect to (the MX host), one the certificate covers.`,
          HUB_CAVEAT,
        ],
        commands: [fqdnCommand(rc, suggestion), restartFor(rc)],
      },
    ],
    objects: rc.identity ? [rc.identity] : [],
  };
}

function emptyCase(ctx: RuleContext, rc: ReceiveConnector, fqdn: string): ExchangeFinding | undefined {
  const certs = ctx.config.certificates;
  if (certs.length === 0) {
    if (!isInternalName(fqdn)) return undefined;
    return finding(ctx, rc, fqdn, 'warning', [
      `Fqdn: ${fqdn}; TlsCertificateName is empty, so Exchange picks the certificate by this name.`,
      ...internalNote(fqdn),
      'Exchange therefore presents the self-signed certificate (if it carries the name) or offers no STARTTLS.',
    ]);
  }
  // A CA certificate carries the name: expiry or a missing SMTP service is another rule's case.
  if (certs.some((c) => !c.selfSigned && coversName(c, fqdn))) return undefined;
  const selfSigned = certs.find((c) => c.selfSigned && enabledForSmtp(c) && coversName(c, fqdn));
  return finding(ctx, rc, fqdn, selfSigned ? 'warning' : 'critical', [
    `Fqdn: ${fqdn}; TlsCertificateName is empty, so Exchange picks the certificate by this name.`,
    `None of the ${certs.length} pasted certificates from a CA carries ${fqdn}.`,
    ...internalNote(fqdn),
    selfSigned
      ? `Only the self-signed ${certificateLabel(selfSigned)} carries it: that is what senders get, and Exchange Online rejects it.`
      : 'No certificate enabled for SMTP carries it: Exchange offers no STARTTLS and logs event 12014.',
  ]);
}

function finding(ctx: RuleContext, rc: ReceiveConnector, fqdn: string, severity: 'warning' | 'critical', evidence: string[]): ExchangeFinding {
  const cert: ExchangeCertificate | undefined = replacementCertificate(ctx.config.certificates, ctx.now);
  const names = cert ? certificateNames(cert) : [];
  const remediation: Remediation = {
    platform: 'exchange-onprem',
    steps: [
      cert
        ? `Either set the connector's Fqdn to a public name on ${certificateLabel(cert)}, or name that certificate in TlsCertificateName (or both).`
        : 'Install a certificate from a public CA for the public name senders connect to (the MX host), enable it for SMTP, and set the Fqdn to that name.',
      HUB_CAVEAT,
    ],
    commands: [
      fqdnCommand(rc, suggestedFqdn(ctx, names)),
      setTlsCertificateName('Set-ReceiveConnector', receiveConnectorId(rc), cert),
      restartFor(rc),
    ],
  };
  return {
    id: 'connector-fqdn-not-covered',
    severity,
    ports: connectorPorts(rc),
    title: `No CA-issued certificate carries ${fqdn}, the Fqdn of ${receiveConnectorPhrase(rc)}`,
    evidence: cert ? [...evidence, `CA-issued certificate available: ${certificateLabel(cert)} for ${names.join(', ')}`] : evidence,
    remediation: [remediation],
    objects: rc.identity ? [rc.identity] : [],
  };
}
