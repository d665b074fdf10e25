import type { Platform, Remediation } from '../../fix-commands/types';
import { formatByteSize, formatPorts } from '../text';
import type { CertificateSeenElsewhere } from './context';
import type { TargetContext } from '../../fix-commands/target-context';
import {
  EVENT_12014,
  GET_CERTIFICATES,
  GET_RECEIVE_CONNECTORS,
  RESTART_FRONTEND,
  bindReceiveConnectors,
  enableForSmtp,
  restoreDefaultAuth,
} from '../../fix-commands/exchange-commands';
import { ems, fileLine, sh } from '../../fix-commands/command';
import { opensslCheck } from '../../fix-commands/openssl';
import { certificateName, commandThumbprint } from '../../fix-commands/quoting';
import { selectRemediation } from '../../fix-commands/select';

/** Remediation catalog for starttls-not-advertised. */

export interface StartTlsMissingContext extends TargetContext {
  platform: Platform;
  /** A CA-issued certificate another port of the same host served: the one to bind. */
  servedElsewhere?: CertificateSeenElsewhere;
  /** SIZE parameter on the affected port, when advertised. */
  size?: string;
  /** SIZE parameters other ports of the host advertised. */
  otherSizes: { port: number; size: string }[];
  /** The host name the affected port's banner announces (on Exchange: the connector's Fqdn). */
  bannerHost?: string;
  /** Exchange: the answer lacks X-ANONYMOUSTLS and AUTH, which the Default Frontend connector lists. */
  lacksDefaultFrontendMarks: boolean;
}

function sizeNote(size: string | undefined): string {
  const bytes = size !== undefined ? Number(size) : NaN;
  return Number.isFinite(bytes) && bytes > 0 ? `, a MaxMessageSize of ${formatByteSize(bytes)}` : '';
}

function exchangeOnprem(ctx: StartTlsMissingContext): Remediation {
  const where = formatPorts(ctx.ports);
  const cert = ctx.servedElsewhere;
  const thumbprint = commandThumbprint(cert?.sha1Thumbprint);
  const fqdn = ctx.bannerHost ?? ctx.host;
  const steps: string[] = [];

  const sizeHint = ctx.size
    ? ` The one that answered advertises SIZE ${ctx.size}${sizeNote(ctx.size)}: look for that value.`
    : '';
  steps.push(
    `Find the receive connector that answered ${where}: list the connectors and compare Bindings (the port), RemoteIPRanges (several connectors may bind the same port; the most specific range containing the sender's address wins) and MaxMessageSize.${sizeHint}`,
  );

  steps.push(
    'Cause 1 - the connector\'s AuthMechanism lacks Tls. Without Tls, Exchange never offers STARTTLS and loads no certificate. Restore the default set on the connector that answers the port (Default Frontend on 25, Client Frontend on 587); on an anonymous relay connector (AuthMechanism ExternalAuthoritative) add Tls, the only value allowed next to ExternalAuthoritative.',
  );

  const kbStep =
    'Cause 2 - TlsCertificateName still names a certificate that was renewed or removed (Microsoft KB 2989382). Exchange does not fall back to the Fqdn: it offers no STARTTLS and logs event 12014 from MSExchangeFrontEndTransport in the Application log. Point TlsCertificateName at the current certificate.';
  steps.push(
    cert
      ? `${kbStep} Port ${cert.port} of this host serves ${cert.subject} (thumbprint ${cert.sha1Thumbprint}); the commands below use its TlsCertificateName value: ${cert.exchangeTlsCertificateName}`
      : `${kbStep} Build the value from the certificate: <I> + Issuer + <S> + Subject, exactly as Get-ExchangeCertificate prints them.`,
  );

  steps.push(
    `Cause 3 - no certificate matching the connector's Fqdn (${fqdn}) is enabled for SMTP. When TlsCertificateName is empty, Exchange picks a certificate with that name in Subject or CertificateDomains, a private key and SMTP in Services. Enabling SMTP is additive: answer No when asked to replace the default SMTP certificate (the self-signed one stays for internal transport).`,
  );

  const others = ctx.otherSizes.map((o) => `SIZE ${o.size} on port ${o.port}`).join(', ');
  const connectorEvidence = ctx.lacksDefaultFrontendMarks
    ? ` This answer has neither X-ANONYMOUSTLS nor AUTH${ctx.size ? ` and carries SIZE ${ctx.size}` : ''}${others ? ` (versus ${others})` : ''}: that points at another connector (or, less often, a missing internal transport certificate, event 12013).`
    : ' This answer lists X-ANONYMOUSTLS or AUTH like the Default Frontend connector does, which points at causes 1 to 3 on that connector rather than another connector.';
  steps.push(
    `Cause 4 - another receive connector (for example a relay connector whose RemoteIPRanges include the sender) answers this sender on the same port. The Default Frontend connector lists X-ANONYMOUSTLS, AUTH NTLM and X-EXPS and, by default, SIZE 37748736; an answer without X-ANONYMOUSTLS and AUTH and with another SIZE comes from another connector.${connectorEvidence} Exchange Online's addresses may reach a different connector than this probe did: check RemoteIPRanges against both.`,
  );

  steps.push('Restart the frontend transport service after any change, then probe again.');

  return {
    platform: 'exchange-onprem',
    steps,
    commands: [
      GET_RECEIVE_CONNECTORS,
      GET_CERTIFICATES,
      EVENT_12014,
      ...[...new Set(ctx.ports)].map(restoreDefaultAuth),
      ems('Set-ReceiveConnector "<SRV>\\<relay connector>" -AuthMechanism Tls,ExternalAuthoritative'),
      enableForSmtp(thumbprint),
      ...bindReceiveConnectors(ctx.ports, cert?.exchangeTlsCertificateName, thumbprint),
      RESTART_FRONTEND,
    ],
  };
}

function exchangeOnline(ctx: StartTlsMissingContext): Remediation {
  return {
    platform: 'exchange-online',
    steps: [
      `Exchange Online Protection always offers STARTTLS, so something between this probe and Microsoft removed it from the answer on ${formatPorts(ctx.ports)}.`,
      'Probe again from another network; a firewall or ISP that rewrites SMTP on the probing side is the usual cause.',
    ],
    commands: [opensslCheck(ctx)],
  };
}

function postfix(ctx: StartTlsMissingContext): Remediation {
  return {
    platform: 'postfix',
    steps: [
      'Postfix offers STARTTLS when smtpd_tls_security_level is may (on a public MX; encrypt belongs on submission only) and a certificate and key are configured.',
      'Serve the key and the full chain with smtpd_tls_chain_files (Postfix 3.4 and later), or smtpd_tls_cert_file (leaf then intermediates) with smtpd_tls_key_file.',
      'Check that smtpd_discard_ehlo_keywords does not list starttls, and that master.cf does not override the setting per service (-o smtpd_tls_security_level=none on the smtp or submission line; postconf -P lists these overrides).',
      `Apply with postfix reload and probe ${formatPorts(ctx.ports)} again.`,
    ],
    commands: [
      sh('postconf smtpd_tls_security_level smtpd_tls_chain_files smtpd_tls_cert_file smtpd_tls_key_file smtpd_discard_ehlo_keywords'),
      sh('postconf -P | grep -i tls'),
      sh("postconf -e 'smtpd_tls_security_level = may'"),
      sh("postconf -e 'smtpd_tls_chain_files = /etc/postfix/tls/privkey.pem, /etc/postfix/tls/fullchain.pem'"),
      sh('postfix reload'),
    ],
  };
}

function exim(ctx: StartTlsMissingContext): Remediation {
  return {
    platform: 'exim',
    steps: [
      'Exim offers STARTTLS to the hosts in tls_advertise_hosts (default * in current releases) once tls_certificate and tls_privatekey are set and readable by the Exim user.',
      'On Debian and Ubuntu (split or unsplit exim4 configuration) set MAIN_TLS_ENABLE = yes in /etc/exim4/conf.d/main/000_localmacros (or exim4.conf.localmacros), then run update-exim4.conf.',
      `Restart Exim and probe ${formatPorts(ctx.ports)} again.`,
    ],
    commands: [
      sh('exim -bP tls_advertise_hosts tls_certificate tls_privatekey'),
      fileLine('/etc/exim4/conf.d/main/000_localmacros', 'MAIN_TLS_ENABLE = yes'),
      sh('update-exim4.conf && systemctl restart exim4'),
    ],
  };
}

function sendmail(ctx: StartTlsMissingContext): Remediation {
  return {
    platform: 'sendmail',
    steps: [
      'Sendmail offers STARTTLS when it was built with STARTTLS support and confSERVER_CERT, confSERVER_KEY and confCACERT in sendmail.mc point at readable files.',
      'Sendmail silently disables STARTTLS when the key file has unsafe permissions: make it readable by root only.',
      `Rebuild sendmail.cf, restart and probe ${formatPorts(ctx.ports)} again.`,
    ],
    commands: [
      sh('sendmail -d0.1 -bv root | grep -i STARTTLS'),
      sh("grep -E 'confSERVER_(CERT|KEY)|confCACERT' /etc/mail/sendmail.mc"),
      sh('chmod 600 /etc/mail/tls/sendmail.key'),
      sh('cd /etc/mail && make && systemctl restart sendmail'),
    ],
  };
}

function opensmtpd(ctx: StartTlsMissingContext): Remediation {
  const host = certificateName(ctx.host);
  const file = host.startsWith('<') ? 'mail' : host;
  const listeners = [...new Set(ctx.ports)].map((p) =>
    fileLine('/etc/smtpd.conf', `listen on egress${p === 25 ? '' : ` port ${p}`} tls pki ${host}`),
  );
  return {
    platform: 'opensmtpd',
    steps: [
      'OpenSMTPD offers STARTTLS on a listener that has the tls option and a pki. Use tls (opportunistic) on port 25; tls-require only on submission.',
      'Declare the certificate and key with pki lines, add tls pki to the listen line, check the configuration and restart.',
    ],
    commands: [
      fileLine('/etc/smtpd.conf', `pki ${host} cert "/etc/ssl/${file}.fullchain.pem"`),
      fileLine('/etc/smtpd.conf', `pki ${host} key "/etc/ssl/private/${file}.key"`),
      ...listeners,
      sh('smtpd -n'),
      sh('rcctl restart smtpd'),
    ],
  };
}

function any(ctx: StartTlsMissingContext): Remediation {
  return {
    platform: 'any',
    steps: [
      `The server answered EHLO on ${formatPorts(ctx.ports)} without STARTTLS, so senders deliver in clear text or, when they require TLS, not at all (Exchange Online: 451 5.7.3 STARTTLS is required to send mail).`,
      'Enable STARTTLS in the mail server with a certificate from a public CA that covers the host name senders connect to.',
      'If the server is configured for TLS, look for a device between the Internet and the server that answers SMTP itself (proxy, load balancer, anti-spam gateway) and probe from another network.',
    ],
    commands: [opensslCheck(ctx)],
  };
}

export function starttlsMissingRemediation(ctx: StartTlsMissingContext): Remediation[] {
  return selectRemediation(
    ctx.platform,
    {
      'exchange-onprem': () => exchangeOnprem(ctx),
      'exchange-online': () => exchangeOnline(ctx),
      postfix: () => postfix(ctx),
      exim: () => exim(ctx),
      sendmail: () => sendmail(ctx),
      opensmtpd: () => opensmtpd(ctx),
    },
    any(ctx),
  );
}
