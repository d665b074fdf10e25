import { certificateNames, isGoodSmtpCertificate, selectForReceiveConnector, selectForSendConnector } from './certificate-selection';
import { certificateLabel, isExpired } from './exchange-certificate';
import { nameCovers } from './host-names';
import { hasTls, isInternetFacing } from './receive-connector';
import type { RuleContext } from './rules/rule';
import { isHybridSendConnector } from './send-connector';
import { commonName } from './tls-certificate-name';

/** A certificate as far as the checks against Exchange Online's connectors need it. */
export interface SeenCertificate {
  label: string;
  names: string[];
  /** Only the CN is known: a missing name proves nothing. */
  partial: boolean;
  selfSigned?: boolean;
  expired?: boolean;
  trusted?: boolean;
  source: string;
}

/**
 * The certificate(s) Exchange Online sees when the on-premises servers send to it: what the
 * hybrid send connector names, else every good SMTP certificate pasted.
 */
export function certificatesSentToExchangeOnline(ctx: RuleContext): SeenCertificate[] {
  const certs = ctx.config.certificates;
  const hybrid = ctx.config.sendConnectors.filter((sc) => sc.enabled && isHybridSendConnector(sc));
  for (const sc of hybrid) {
    const named = selectForSendConnector(sc, certs, ctx.now);
    if (named.length > 0) {
      return named.map((c) => ({ label: certificateLabel(c), names: certificateNames(c), partial: false, selfSigned: c.selfSigned, source: `named by send connector "${sc.identity}"` }));
    }
  }
  const good = certs.filter((c) => isGoodSmtpCertificate(c, ctx.now));
  if (good.length > 0) {
    return good.map((c) => ({ label: certificateLabel(c), names: certificateNames(c), partial: false, selfSigned: false, source: 'enabled for SMTP' }));
  }
  for (const sc of hybrid) {
    const cn = sc.tlsCertificateName.kind === 'ok' ? commonName(sc.tlsCertificateName.value.subject) : undefined;
    if (cn) return [{ label: `CN=${cn}`, names: [cn], partial: true, source: `named by send connector "${sc.identity}"` }];
  }
  return [];
}

/**
 * The certificate(s) Exchange Online meets when it delivers to the on-premises servers: what
 * the probe saw served on port 25, else what the port-25 receive connectors would present.
 */
export function certificatesServedToExchangeOnline(ctx: RuleContext): SeenCertificate[] {
  const served = (ctx.report?.ports ?? []).flatMap((p) => (p.port === 25 && p.certificate ? [p.certificate] : []));
  if (served.length > 0) {
    return served.map((c) => {
      const cn = commonName(c.subject);
      const names = cn && !c.san.includes(cn) ? [...c.san, cn] : [...c.san];
      return {
        label: `${c.subject} (thumbprint ${c.sha1Thumbprint})`,
        names,
        partial: false,
        selfSigned: c.selfSigned,
        expired: c.expired || c.daysLeft < 0,
        trusted: c.trusted,
        source: `served on port 25 to the probe`,
      };
    });
  }
  const out: SeenCertificate[] = [];
  for (const rc of ctx.config.receiveConnectors) {
    if (!isInternetFacing(rc) || !hasTls(rc)) continue;
    const chosen = selectForReceiveConnector(rc, ctx.config.certificates, ctx.now);
    if (chosen.by !== 'unknown' && chosen.chosen) {
      const c = chosen.chosen;
      out.push({ label: certificateLabel(c), names: certificateNames(c), partial: false, selfSigned: c.selfSigned, expired: isExpired(c, ctx.now), source: `presented by receive connector "${rc.identity ?? rc.bindingsText}"` });
    }
  }
  return out;
}

/**
 * Exchange Online's TlsSenderCertificateName matching: the same name, a `*.domain` value covering
 * any name under the domain, or a wildcard certificate covering the value.
 */
export function senderNameMatches(value: string, certificateName: string): boolean {
  const v = value.trim().toLowerCase();
  const n = certificateName.trim().toLowerCase();
  if (v === n) return true;
  if (v.startsWith('*.') && n.endsWith(v.slice(1))) return true;
  return n.startsWith('*.') && nameCovers(n, v);
}
