import type { CertificateReport } from '../../certificate/types';
import type { Command, Platform, Remediation } from '../../fix-commands/types';
import { formatPorts } from '../text';
import type { CertificateSeenElsewhere } from './context';
import type { TargetContext } from '../../fix-commands/target-context';
import {
  GET_CERTIFICATES,
  RESTART_FRONTEND,
  RESTART_TRANSPORT,
  enableForSmtp,
  bindReceiveConnectors,
  setTlsCertificateName,
} from '../../fix-commands/exchange-commands';
import { ems, powershell, sh } from '../../fix-commands/command';
import { opensslCheck } from '../../fix-commands/openssl';
import { certificateName, commandThumbprint } from '../../fix-commands/quoting';
import { selectRemediation } from '../../fix-commands/select';

/**
 * Remediation catalog for findings fixed by putting a new certificate in place:
 * cert-expired, cert-expiring-soon, cert-weak-key, cert-weak-signature; and cert-not-yet-valid.
 */

export type RenewalReason = 'expired' | 'expiring' | 'weak-key' | 'weak-signature';

export interface CertificateContext extends TargetContext {
  platform: Platform;
  /** The certificate the finding is about. */
  certificate: CertificateReport;
  /** A good certificate another port serves (e.g. the renewed one), to bind instead. */
  replacement?: CertificateSeenElsewhere;
}

const SEND_CONNECTOR = '"Outbound to Office 365 <GUID>"';

function lead(ctx: CertificateContext, reason: RenewalReason): string {
  const c = ctx.certificate;
  const where = formatPorts(ctx.ports);
  switch (reason) {
    case 'expired':
      return `The certificate on ${where} (${c.subject}) expired on ${c.notAfter}. Senders that check certificates, Exchange Online among them (4.7.322 certificate-expired), refuse it: install a renewed certificate.`;
    case 'expiring':
      return `The certificate on ${where} (${c.subject}) expires on ${c.notAfter}. Renew it now and automate renewal (ACME) so it cannot lapse.`;
    case 'weak-key':
      return `The certificate on ${where} (${c.subject}) has a ${c.keyType} ${c.keyBits}-bit key. Issue a new one with an RSA key of at least 2048 bits or an ECDSA P-256 key.`;
    case 'weak-signature':
      return `The certificate on ${where} (${c.subject}) is signed with ${c.signatureAlgorithm}. Have it reissued with a SHA-256 signature (every public CA does this today).`;
  }
}

/** A key and request for the name senders use: the probed name, never an address. */
function keyCommand(host: string): Command[] {
  const h = certificateName(host);
  const file = h.startsWith('<') ? 'mail' : h;
  return [
    sh(`openssl req -new -newkey rsa:2048 -nodes -keyout ${file}.key -out ${file}.csr -subj '/CN=${h}' -addext 'subjectAltName=DNS:${h}'`),
  ];
}

function exchangeOnprem(ctx: CertificateContext, reason: RenewalReason): Remediation {
  const host = certificateName(ctx.host);
  const file = host.startsWith('<') ? 'mail' : host;
  const next = commandThumbprint(ctx.replacement?.sha1Thumbprint);
  const current = commandThumbprint(ctx.certificate.sha1Thumbprint);
  const steps = [lead(ctx, reason)];
  const commands: Command[] = [GET_CERTIFICATES];
  if (reason === 'weak-key' || reason === 'weak-signature') {
    steps.push('Create a new request with a 2048-bit key, have the CA sign it with SHA-256, then complete it with Import-ExchangeCertificate.');
    commands.push(
      ems(`New-ExchangeCertificate -Server <SRV> -GenerateRequest -KeySize 2048 -SubjectName 'CN=${host}' -DomainName '${host}' -PrivateKeyExportable $true -RequestFile 'C:\\temp\\${file}.req'`),
    );
  } else {
    steps.push('Import the renewed certificate with its private key (a PFX, or the CA\'s answer to a pending request).');
  }
  commands.push(
    ems("Import-ExchangeCertificate -Server <SRV> -FileData ([System.IO.File]::ReadAllBytes('C:\\temp\\new-certificate.pfx')) -Password (Read-Host -AsSecureString 'PFX password') -PrivateKeyExportable $true"),
  );
  steps.push(
    'Enable the new certificate for SMTP (answer No to replacing the default SMTP certificate), then update every connector whose TlsCertificateName names the old one: the receive connectors and the hybrid send connector (Outbound to Office 365). Exchange does not fall back to another certificate: a stale TlsCertificateName makes STARTTLS disappear (KB 2989382).',
  );
  if (current) steps.push(`The certificate served now has thumbprint ${current}; remove it only after the probe shows the new one.`);
  if (ctx.replacement) {
    steps.push(`Port ${ctx.replacement.port} already serves ${ctx.replacement.subject} (thumbprint ${ctx.replacement.sha1Thumbprint}); the commands use it.`);
  }
  const tp = next ?? '<NEW-TP>';
  commands.push(
    enableForSmtp(tp),
    ems('Get-ReceiveConnector | fl Identity,TlsCertificateName; Get-SendConnector | fl Identity,TlsCertificateName'),
    ...bindReceiveConnectors(ctx.ports, ctx.replacement?.exchangeTlsCertificateName, tp),
    setTlsCertificateName('Set-SendConnector', SEND_CONNECTOR, ctx.replacement?.exchangeTlsCertificateName, tp),
    RESTART_FRONTEND,
    RESTART_TRANSPORT,
  );
  return { platform: 'exchange-onprem', steps, commands };
}

function unix(
  platform: 'postfix' | 'exim' | 'sendmail' | 'opensmtpd',
  ctx: CertificateContext,
  reason: RenewalReason,
): Remediation {
  const fresh = reason === 'weak-key' || reason === 'weak-signature' ? keyCommand(ctx.host) : [];
  const apply: Record<typeof platform, { step: string; commands: Command[] }> = {
    postfix: {
      step: 'Postfix loads the certificate when smtpd starts: reload after replacing the files (with certbot, add --deploy-hook "postfix reload").',
      commands: [sh('postconf smtpd_tls_chain_files smtpd_tls_cert_file'), sh('certbot renew'), sh('postfix reload')],
    },
    exim: {
      step: 'Replace the files tls_certificate and tls_privatekey name, then restart Exim so it stops using the old ones.',
      commands: [sh('exim -bP tls_certificate tls_privatekey'), sh('systemctl restart exim4')],
    },
    sendmail: {
      step: 'Replace the files confSERVER_CERT and confSERVER_KEY name (key readable by root only), then restart sendmail.',
      commands: [sh("grep -E 'confSERVER_(CERT|KEY)' /etc/mail/sendmail.mc"), sh('systemctl restart sendmail')],
    },
    opensmtpd: {
      step: 'Replace the files the pki lines name, then restart OpenSMTPD.',
      commands: [sh('smtpd -n'), sh('rcctl restart smtpd')],
    },
  };
  return {
    platform,
    steps: [lead(ctx, reason), apply[platform].step],
    commands: [...fresh, ...apply[platform].commands],
  };
}

export function renewalRemediation(ctx: CertificateContext, reason: RenewalReason): Remediation[] {
  const anyCommands = reason === 'weak-key' || reason === 'weak-signature' ? keyCommand(ctx.host) : [];
  return selectRemediation(
    ctx.platform,
    {
      'exchange-onprem': () => exchangeOnprem(ctx, reason),
      postfix: () => unix('postfix', ctx, reason),
      exim: () => unix('exim', ctx, reason),
      sendmail: () => unix('sendmail', ctx, reason),
      opensmtpd: () => unix('opensmtpd', ctx, reason),
    },
    {
      platform: 'any',
      steps: [
        lead(ctx, reason),
        'Install the new certificate with its full chain on every port and device that serves it (a load balancer or gateway in front may hold its own copy), restart the service and probe again.',
      ],
      commands: [...anyCommands, opensslCheck(ctx)],
    },
  );
}

export function notYetValidRemediation(ctx: CertificateContext): Remediation[] {
  const c = ctx.certificate;
  return selectRemediation(
    ctx.platform,
    {
      'exchange-onprem': () => ({
        platform: 'exchange-onprem',
        steps: ['Check the Exchange server\'s clock and time source; if the clock is right, the installed certificate is dated in the future and must be replaced.'],
        commands: [powershell('w32tm /query /status'), GET_CERTIFICATES],
      }),
    },
    {
      platform: 'any',
      steps: [
        `The certificate on ${formatPorts(ctx.ports)} (${c.subject}) is valid only from ${c.notBefore}. Either it was issued moments ago and this probe's or the sender's clock differs, or a certificate with a wrong start date was installed.`,
        'Check the server\'s clock (NTP) and the certificate\'s notBefore; if it was just issued, probe again later.',
      ],
      commands: [sh('timedatectl status'), opensslCheck(ctx)],
    },
  );
}
