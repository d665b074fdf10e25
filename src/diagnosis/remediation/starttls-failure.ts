import type { Platform, Remediation } from '../../fix-commands/types';
import { formatPorts } from '../text';
import type { TargetContext } from '../../fix-commands/target-context';
import { GET_CERTIFICATES_DETAIL, RESTART_FRONTEND, enableForSmtp } from '../../fix-commands/exchange-commands';
import { sh } from '../../fix-commands/command';
import { opensslCheck } from '../../fix-commands/openssl';
import { commandHost, commandThumbprint, hostPort } from '../../fix-commands/quoting';
import { selectRemediation } from '../../fix-commands/select';

/** Remediation catalog for starttls-rejected and tls-handshake-failed. */

export interface StartTlsRejectedContext extends TargetContext {
  platform: Platform;
  /** The reply as quoted in evidence, e.g. "454 4.7.0 TLS not available due to local problem"; undefined when none came. */
  reply?: string;
}

export interface HandshakeFailedContext extends TargetContext {
  platform: Platform;
  /** The handshake error looks like a protocol-version mismatch (server limited to TLS 1.0/1.1). */
  versionMismatch: boolean;
  /** Thumbprint of a certificate seen on another port, to enable for SMTP. */
  thumbprint?: string;
}

const MAIL_LOG = sh("grep -iE 'TLS|SSL|certificate|private key' /var/log/mail.log | tail -n 30");

export function starttlsRejectedRemediation(ctx: StartTlsRejectedContext): Remediation[] {
  const where = formatPorts(ctx.ports);
  const reply = ctx.reply ? `the reply ${ctx.reply}` : 'no reply';
  return selectRemediation(
    ctx.platform,
    {
      postfix: () => ({
        platform: 'postfix',
        steps: [
          `Postfix answers 454 4.7.0 TLS not available due to local problem when smtpd could not load its certificate or private key (this port answered with ${reply}); the mail log names the reason (for example cannot load certificate, cannot get private key, key does not match).`,
          'Check that the files in smtpd_tls_chain_files (or smtpd_tls_cert_file / smtpd_tls_key_file) exist, are readable by Postfix and that the key belongs to the certificate (both digests below must be equal).',
          'Fix, reload and probe again.',
        ],
        commands: [
          MAIL_LOG,
          sh('postconf smtpd_tls_chain_files smtpd_tls_cert_file smtpd_tls_key_file'),
          sh('openssl x509 -noout -pubkey -in /etc/postfix/tls/fullchain.pem | openssl sha256'),
          sh('openssl pkey -pubout -in /etc/postfix/tls/privkey.pem | openssl sha256'),
          sh('postfix check'),
          sh('postfix reload'),
        ],
      }),
      'exchange-onprem': () => ({
        platform: 'exchange-onprem',
        steps: [
          `Exchange offered STARTTLS on ${where} but answered it with ${reply}: the certificate it selected cannot be used, typically no private key (send logs show TLS negotiation failed with error NoCredentials) or not enabled for SMTP.`,
          'Check HasPrivateKey, Services and Status of the certificate whose name matches the connector, enable a valid one for SMTP and restart the frontend transport service.',
        ],
        commands: [GET_CERTIFICATES_DETAIL, enableForSmtp(undefined), RESTART_FRONTEND],
      }),
      exim: () => ({
        platform: 'exim',
        steps: [
          'Exim answers STARTTLS with 454 TLS currently unavailable when it cannot read tls_certificate or tls_privatekey (they must be readable by the Exim user, e.g. Debian-exim) or the key does not match.',
          'The panic and main logs name the failing file.',
        ],
        commands: [sh('exim -bP tls_certificate tls_privatekey'), sh('tail -n 30 /var/log/exim4/paniclog /var/log/exim4/mainlog')],
      }),
      sendmail: () => ({
        platform: 'sendmail',
        steps: [
          'Sendmail refuses STARTTLS when it could not initialise TLS at startup; the maillog shows STARTTLS=server errors with the reason (unreadable or unsafe key, wrong CA file).',
        ],
        commands: [sh("grep 'STARTTLS=server' /var/log/maillog | tail -n 30")],
      }),
      opensmtpd: () => ({
        platform: 'opensmtpd',
        steps: ['Run OpenSMTPD in the foreground with verbose logging to see why the TLS setup fails (unreadable key, key and certificate mismatch).'],
        commands: [sh('smtpd -n'), sh('smtpd -dv')],
      }),
    },
    {
      platform: 'any',
      steps: [
        `The server advertised STARTTLS on ${where} but answered the command with ${reply}. Senders that require TLS defer the mail; others fall back to clear text.`,
        'The mail server usually logs why it could not start TLS (certificate or key not loadable, TLS library error). If a proxy sits in front, it may be the one answering.',
      ],
      commands: [opensslCheck(ctx)],
    },
  );
}

export function handshakeFailedRemediation(ctx: HandshakeFailedContext): Remediation[] {
  const where = formatPorts(ctx.ports);
  const thumbprint = commandThumbprint(ctx.thumbprint);
  const anySteps = [
    ctx.mode === 'starttls'
      ? `The server accepted STARTTLS on ${where} but the TLS handshake did not complete, so no sender can deliver over TLS.`
      : `The TLS handshake on ${where} did not complete.`,
  ];
  if (ctx.versionMismatch) {
    anySteps.push('The error points at a protocol version mismatch: the server probably offers only TLS 1.0 or 1.1, which this probe and current senders refuse. Enable TLS 1.2 (and 1.3) on the server.');
  }
  anySteps.push(
    'Run openssl s_client to see the failing step. A middlebox doing TLS inspection (FortiGate deep inspection is known for STARTTLS timeouts) can break the handshake: probe from another network and from next to the server.',
  );

  return selectRemediation(
    ctx.platform,
    {
      'exchange-onprem': () => ({
        platform: 'exchange-onprem',
        steps: [
          'A certificate matching the connector (TlsCertificateName or Fqdn) exists but is not enabled for SMTP, or has no private key: Exchange still offers STARTTLS, then the handshake fails (send logs: TLS negotiation failed with error NoCredentials).',
          'Check Services, HasPrivateKey and Status; enable a valid certificate with its private key for SMTP (re-import it as a PFX if the key is missing), and make sure TLS 1.2 is enabled in SCHANNEL.',
          'Restart the frontend transport service and probe again.',
        ],
        commands: [GET_CERTIFICATES_DETAIL, enableForSmtp(thumbprint), RESTART_FRONTEND],
      }),
      postfix: () => ({
        platform: 'postfix',
        steps: [
          'Check that smtpd_tls_protocols, smtpd_tls_ciphers and tls_high_cipherlist are not so strict that no client matches, and that the key matches the certificate. The mail log shows the SSL_accept error.',
        ],
        commands: [
          sh('postconf smtpd_tls_protocols smtpd_tls_mandatory_protocols smtpd_tls_ciphers smtpd_tls_exclude_ciphers tls_high_cipherlist'),
          MAIL_LOG,
        ],
      }),
      exim: () => ({
        platform: 'exim',
        steps: ['Check tls_require_ciphers and openssl_options for a setting no client can meet; the main log shows the TLS error for the probe\'s connection.'],
        commands: [sh('exim -bP tls_require_ciphers openssl_options'), sh('tail -n 30 /var/log/exim4/mainlog')],
      }),
    },
    { platform: 'any', steps: anySteps, commands: [opensslCheck(ctx)] },
  );
}

export interface PlainTextContext extends TargetContext {
  platform: Platform;
}

/** An implicit-TLS port (465) that answers in plain text: configure implicit TLS there, or test its STARTTLS. */
export function implicitTlsPlainTextRemediation(ctx: PlainTextContext): Remediation[] {
  const host = commandHost(ctx.host) ?? '<host>';
  const port = ctx.ports[0] ?? 465;
  return selectRemediation(
    ctx.platform,
    {
      postfix: () => ({
        platform: 'postfix',
        steps: [`Enable the submissions service in master.cf for port ${port} with implicit TLS (-o smtpd_tls_wrappermode=yes), then reload.`],
        commands: [sh('postconf -M submissions/inet smtps/inet'), sh('postconf -P | grep wrappermode'), sh('postfix reload')],
      }),
      exim: () => ({
        platform: 'exim',
        steps: [`List port ${port} in tls_on_connect_ports (and daemon_smtp_ports), then restart Exim.`],
        commands: [sh('exim -bP daemon_smtp_ports tls_on_connect_ports'), sh('systemctl restart exim4')],
      }),
    },
    {
      platform: 'any',
      steps: [
        `Port ${port} answers in plain SMTP. Mail clients set for implicit TLS ("SSL/TLS") on port ${port} fail; those set for STARTTLS on it work.`,
        `Configure implicit TLS on port ${port} (RFC 8314) and keep STARTTLS for port 587. The openssl line below shows what the port offers in STARTTLS mode meanwhile.`,
      ],
      commands: [sh(`openssl s_client -connect ${hostPort(host, port)} -starttls smtp </dev/null`)],
    },
  );
}

/** STARTTLS answered 220, then plain text: whatever answers does not start TLS after saying it would. */
export function starttlsPlainTextRemediation(ctx: PlainTextContext): Remediation[] {
  const where = formatPorts(ctx.ports);
  return [
    {
      platform: 'any',
      steps: [
        `The server said 220 to STARTTLS on ${where} but then went on in plain text instead of starting TLS: no sender can deliver over TLS, and senders that require it defer the mail.`,
        'This is seldom the mail server itself: look for a proxy, load balancer or SMTP filter in front of it that answers STARTTLS without supporting it, and probe from next to the server to find the hop.',
      ],
      commands: [opensslCheck(ctx)],
    },
  ];
}
