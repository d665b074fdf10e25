import type { Command, Remediation } from '../../fix-commands/types';
import { formatPorts, formatPortsTitle } from '../text';
import type { CertificateContext } from './certificate-renewal';
import {
  GET_CERTIFICATES,
  GET_RECEIVE_CONNECTORS,
  GET_SEND_CONNECTORS,
  RESTART_FRONTEND,
  bindReceiveConnectors,
  enableForSmtp,
  receiveConnectorFor,
} from '../../fix-commands/exchange-commands';
import { ems, powershell, sh } from '../../fix-commands/command';
import { opensslCheck } from '../../fix-commands/openssl';
import { certificateName, commandDnsName, commandThumbprint } from '../../fix-commands/quoting';
import { selectRemediation } from '../../fix-commands/select';

/** Remediation catalog for cert-self-signed, cert-untrusted and cert-name-mismatch. */

export interface UntrustedContext extends CertificateContext {
  /** The server did not send an intermediate the leaf needs. */
  chainIncomplete: boolean;
  /** The chain verifies, but with a key or signature too weak for a sender's OpenSSL 3. */
  weakChain?: boolean;
}

export interface NameMismatchContext extends CertificateContext {
  /** Names senders expect that the certificate does not cover. */
  missingNames: string[];
}

/** A certificate for the name senders use: never for an address. */
function certbotLine(...names: (string | undefined)[]): Command {
  return sh(`certbot certonly --standalone -d ${certificateName(...names)}`);
}

/** "covers mail.contoso.com", or, for an address, the name senders connect to. */
function coveredName(host: string): string {
  const name = commandDnsName(host);
  return name ? `covers ${name}` : 'covers the name senders connect to (the MX host name; a certificate never names an address here)';
}

/** Commands that bind a CA certificate on Exchange: the one seen on another port when there is one. */
function exchangeBind(ctx: CertificateContext): Command[] {
  const tp = commandThumbprint(ctx.replacement?.sha1Thumbprint) ?? '<TP>';
  return [enableForSmtp(tp), ...bindReceiveConnectors(ctx.ports, ctx.replacement?.exchangeTlsCertificateName, tp), RESTART_FRONTEND];
}

function replacementStep(ctx: CertificateContext): string[] {
  const r = ctx.replacement;
  return r ? [`Port ${r.port} of this host serves ${r.subject} (thumbprint ${r.sha1Thumbprint}); the commands bind that one.`] : [];
}

export function selfSignedRemediation(ctx: CertificateContext): Remediation[] {
  const where = formatPortsTitle(ctx.ports);
  const c = ctx.certificate;
  return selectRemediation(
    ctx.platform,
    {
      'exchange-onprem': () => ({
        platform: 'exchange-onprem',
        steps: [
          `${where} serves the self-signed certificate ${c.subject}. Exchange creates a self-signed "Microsoft Exchange" certificate for internal transport; it answers external senders when no CA-issued certificate is enabled for SMTP or named in the connector's TlsCertificateName.`,
          'Exchange Online (hybrid) validates the on-premises certificate against the inbound connector\'s TlsSenderCertificateName and rejects a self-signed one. Enable a public CA certificate for SMTP and bind it to the connector that answers the port (Default Frontend on 25, Client Frontend on 587); keep the self-signed one (do not let Enable-ExchangeCertificate replace it) for internal transport.',
          ...replacementStep(ctx),
        ],
        commands: [GET_CERTIFICATES, GET_RECEIVE_CONNECTORS, ...exchangeBind(ctx)],
      }),
      postfix: () => ({
        platform: 'postfix',
        steps: [
          `${where} serves a self-signed certificate (${c.subject}); often the snakeoil certificate a package installed. Obtain one from a public CA (Let's Encrypt via certbot works) and point smtpd_tls_chain_files at the key and full chain.`,
        ],
        commands: [
          certbotLine(ctx.host),
          sh(`postconf -e 'smtpd_tls_chain_files = /etc/letsencrypt/live/${certificateName(ctx.host)}/privkey.pem, /etc/letsencrypt/live/${certificateName(ctx.host)}/fullchain.pem'`),
          sh('postfix reload'),
        ],
      }),
      exim: () => ({
        platform: 'exim',
        steps: [`${where} serves a self-signed certificate (${c.subject}). Obtain one from a public CA and point tls_certificate (full chain) and tls_privatekey at it.`],
        commands: [certbotLine(ctx.host), sh('exim -bP tls_certificate tls_privatekey'), sh('systemctl restart exim4')],
      }),
      sendmail: () => ({
        platform: 'sendmail',
        steps: [`${where} serves a self-signed certificate (${c.subject}). Obtain one from a public CA and point confSERVER_CERT, confSERVER_KEY and confCACERT at it.`],
        commands: [certbotLine(ctx.host), sh('cd /etc/mail && make && systemctl restart sendmail')],
      }),
      opensmtpd: () => ({
        platform: 'opensmtpd',
        steps: [`${where} serves a self-signed certificate (${c.subject}). Obtain one from a public CA and name it in the pki cert and key lines.`],
        commands: [certbotLine(ctx.host), sh('smtpd -n'), sh('rcctl restart smtpd')],
      }),
    },
    {
      platform: 'any',
      steps: [
        `${where} serves a self-signed certificate (${c.subject}). Opportunistic senders accept it, but senders that validate (Exchange Online connectors, MTA-STS in enforce mode, mail clients on submission ports) refuse it.`,
        `Install a certificate from a public CA that ${coveredName(ctx.host)}, with its full chain.`,
      ],
      commands: [opensslCheck(ctx)],
    },
  );
}

const WEAK_CHAIN_FIX =
  'Reissue it with an RSA key of at least 2048 bits (or an ECDSA P-256 key) from a CA that signs with SHA-256, and serve that CA\'s current intermediates.';

function untrustedProblem(ctx: UntrustedContext, where: string): string {
  const c = ctx.certificate;
  if (ctx.chainIncomplete) {
    return `${where} sends the certificate ${c.subject} without the intermediate certificate that issued it (${c.issuer}); senders without that intermediate cannot build a chain to a root (openssl verify error 20, unable to get local issuer certificate).`;
  }
  if (ctx.weakChain) {
    return `${where} serves ${c.subject}, issued by ${c.issuer}, whose chain is too weak for senders that validate: ${c.trustReason ?? c.trustError ?? 'a key or signature below OpenSSL 3\'s default security level'}. The issuer is not the problem; the key size or signature algorithm is.`;
  }
  return `${where} serves ${c.subject}, issued by ${c.issuer}, which does not chain to a public root${c.trustError ? ` (${c.trustError})` : ''}: a private or internal CA is only trusted inside your organisation.`;
}

export function untrustedRemediation(ctx: UntrustedContext): Remediation[] {
  const where = formatPortsTitle(ctx.ports);
  const chain = ctx.chainIncomplete;
  const problem = untrustedProblem(ctx, where);
  const fixUnix = chain
    ? 'Serve the leaf followed by the intermediates (the CA\'s fullchain.pem), not the leaf alone.'
    : ctx.weakChain
      ? WEAK_CHAIN_FIX
      : 'Replace it with a certificate from a public CA.';
  return selectRemediation(
    ctx.platform,
    {
      'exchange-onprem': () => ({
        platform: 'exchange-onprem',
        steps: chain
          ? [
              problem,
              'Exchange (SChannel) sends the intermediates it finds in the computer\'s Intermediate Certification Authorities store: import the CA\'s intermediate certificate there, then restart the frontend transport service.',
            ]
          : [
              problem,
              ctx.weakChain
                ? 'Request a new certificate with a 2048-bit key (New-ExchangeCertificate -GenerateRequest -KeySize 2048) from a CA that signs with SHA-256, enable it for SMTP and bind it to the connector.'
                : 'Enable a public CA certificate for SMTP and bind it to the connector.',
              ...replacementStep(ctx),
            ],
        commands: chain
          ? [powershell("Import-Certificate -FilePath 'C:\\temp\\intermediate.cer' -CertStoreLocation Cert:\\LocalMachine\\CA"), RESTART_FRONTEND]
          : [GET_CERTIFICATES, ...exchangeBind(ctx)],
      }),
      postfix: () => ({
        platform: 'postfix',
        steps: [problem, `${fixUnix} With smtpd_tls_chain_files list the key, then the full chain; with smtpd_tls_cert_file the file must hold the leaf then the intermediates.`],
        commands: [sh("postconf -e 'smtpd_tls_chain_files = /etc/postfix/tls/privkey.pem, /etc/postfix/tls/fullchain.pem'"), sh('postfix reload')],
      }),
      exim: () => ({
        platform: 'exim',
        steps: [problem, `${fixUnix} Point tls_certificate at the full-chain file.`],
        commands: [sh('exim -bP tls_certificate'), sh('systemctl restart exim4')],
      }),
      sendmail: () => ({
        platform: 'sendmail',
        steps: [
          problem,
          `${fixUnix} Put the intermediates after the leaf in the confSERVER_CERT file, and in the confCACERT bundle for builds that do not send a chain from the certificate file.`,
        ],
        commands: [sh("grep -E 'confSERVER_CERT|confCACERT' /etc/mail/sendmail.mc"), sh('cd /etc/mail && make && systemctl restart sendmail')],
      }),
      opensmtpd: () => ({
        platform: 'opensmtpd',
        steps: [problem, `${fixUnix} The file on the pki cert line must hold the full chain.`],
        commands: [sh('smtpd -n'), sh('rcctl restart smtpd')],
      }),
    },
    {
      platform: 'any',
      steps: [
        problem,
        chain
          ? 'Configure the server (or the device terminating TLS in front of it) to send the full chain: leaf first, then each intermediate. The -showcerts output below should list more than one certificate.'
          : ctx.weakChain
            ? WEAK_CHAIN_FIX
            : 'Senders that validate certificates refuse it. Use a certificate from a public CA.',
      ],
      commands: [opensslCheck(ctx)],
    },
  );
}

export function nameMismatchRemediation(ctx: NameMismatchContext): Remediation[] {
  const where = formatPorts(ctx.ports);
  const c = ctx.certificate;
  const names = c.san.length ? c.san.join(', ') : c.subject;
  const missing = ctx.missingNames.join(', ');
  const problem = `The certificate on ${where} covers ${names}, not ${missing}. Senders that validate (Exchange Online: 450 4.7.320 SubjectMismatch or 4.7.325 certificate-host-mismatch; MTA-STS) refuse it.`;
  const fqdn = certificateName(...ctx.missingNames, ctx.host);
  return selectRemediation(
    ctx.platform,
    {
      'exchange-onprem': () => ({
        platform: 'exchange-onprem',
        steps: [
          problem,
          `Enable for SMTP a certificate whose CertificateDomains include ${missing}, and make the connector select it: TlsCertificateName, or a connector Fqdn that is one of the certificate's names (an internal Fqdn such as server.domain.local selects the self-signed certificate).`,
          'For hybrid, the Exchange Online inbound connector\'s TlsSenderCertificateName and the on-premises send connector\'s TlsCertificateName must name this certificate too.',
          ...replacementStep(ctx),
        ],
        commands: [
          GET_CERTIFICATES,
          GET_RECEIVE_CONNECTORS,
          GET_SEND_CONNECTORS,
          ...exchangeBind(ctx).slice(0, -1),
          ems(`Set-ReceiveConnector ${receiveConnectorFor(ctx.ports[0])} -Fqdn ${fqdn}`),
          RESTART_FRONTEND,
        ],
      }),
    },
    {
      platform: 'any',
      steps: [
        problem,
        `Obtain a certificate whose subjectAltName includes ${missing} (the name senders connect to, normally the MX host name), install it with its full chain and restart the service.`,
      ],
      commands: [certbotLine(...ctx.missingNames, ctx.host), opensslCheck(ctx)],
    },
  );
}
