import type { Platform, Remediation } from '../../fix-commands/types';
import { formatPortsTitle } from '../text';
import type { TargetContext } from '../../fix-commands/target-context';
import { fileLine, powershell, sh } from '../../fix-commands/command';
import { opensslCheck } from '../../fix-commands/openssl';
import { selectRemediation } from '../../fix-commands/select';

/** Remediation catalog for tls-protocol-legacy. */

export interface LegacyTlsContext extends TargetContext {
  platform: Platform;
  /** The negotiated version as the probe reported it, e.g. "TLSv1". */
  protocol: string;
  /** From the --protocols scan: the legacy versions accepted ("TLS 1.0 and TLS 1.1") while TLS 1.2 or later is too. */
  alongsideModern?: string;
}

const SCHANNEL = 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Server';

export function legacyTlsRemediation(ctx: LegacyTlsContext): Remediation[] {
  const where = formatPortsTitle(ctx.ports);
  return selectRemediation(
    ctx.platform,
    {
      'exchange-onprem': () => ({
        platform: 'exchange-onprem',
        steps: [
          'Enable TLS 1.2 for SCHANNEL (server side) and for .NET (SchUseStrongCrypto, SystemDefaultTlsVersions), then disable TLS 1.0 and 1.1 once nothing depends on them. Microsoft\'s Exchange TLS guidance and the Exchange HealthChecker script list every key.',
          'Reboot the server: SCHANNEL reads these settings at start-up.',
        ],
        commands: [
          powershell(`New-Item -Path '${SCHANNEL}' -Force`),
          powershell(`New-ItemProperty -Path '${SCHANNEL}' -Name Enabled -Value 1 -PropertyType DWord -Force`),
          powershell(`New-ItemProperty -Path '${SCHANNEL}' -Name DisabledByDefault -Value 0 -PropertyType DWord -Force`),
          powershell("New-ItemProperty -Path 'HKLM:\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319' -Name SchUseStrongCrypto -Value 1 -PropertyType DWord -Force"),
          powershell("New-ItemProperty -Path 'HKLM:\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319' -Name SystemDefaultTlsVersions -Value 1 -PropertyType DWord -Force"),
          powershell('Restart-Computer'),
        ],
      }),
      postfix: () => ({
        platform: 'postfix',
        steps: [
          'Allow only TLS 1.2 and later for opportunistic and mandatory TLS. The >=TLSv1.2 form needs Postfix 3.6 or later; older versions take !SSLv2, !SSLv3, !TLSv1, !TLSv1.1.',
          'A server that cannot negotiate TLS 1.2 at all links an outdated OpenSSL: upgrade the system.',
        ],
        commands: [
          sh("postconf -e 'smtpd_tls_protocols = >=TLSv1.2'"),
          sh("postconf -e 'smtpd_tls_mandatory_protocols = >=TLSv1.2'"),
          sh('postfix reload'),
        ],
      }),
      exim: () => ({
        platform: 'exim',
        steps: [
          'Exim uses what its TLS library offers; turn off the old versions in the main configuration with openssl_options (OpenSSL builds, line below) or tls_require_ciphers (GnuTLS priority string, e.g. NORMAL:-VERS-TLS1.0:-VERS-TLS1.1), and upgrade a system whose library lacks TLS 1.2.',
        ],
        commands: [
          sh('exim -bP openssl_options tls_require_ciphers'),
          fileLine('the Exim main configuration', 'openssl_options = +no_sslv3 +no_tlsv1 +no_tlsv1_1'),
          sh('systemctl restart exim4'),
        ],
      }),
      sendmail: () => ({
        platform: 'sendmail',
        steps: [
          'Sendmail negotiates what its OpenSSL offers: upgrade OpenSSL and sendmail, and exclude the old versions with confSERVER_SSL_OPTIONS in sendmail.mc (line below), then rebuild sendmail.cf and restart.',
        ],
        commands: [
          fileLine('/etc/mail/sendmail.mc', "define(`confSERVER_SSL_OPTIONS', `+SSL_OP_NO_SSLv3 +SSL_OP_NO_TLSv1 +SSL_OP_NO_TLSv1_1')"),
          sh('cd /etc/mail && make && systemctl restart sendmail'),
        ],
      }),
      opensmtpd: () => ({
        platform: 'opensmtpd',
        steps: ['Current OpenSMTPD with LibreSSL or OpenSSL negotiates TLS 1.2 and 1.3 by default; a server stuck on an old version needs an upgrade, or a protocols option on the listen line that excludes the old versions.'],
        commands: [sh('smtpd -n')],
      }),
    },
    {
      platform: 'any',
      steps: [
        ctx.alongsideModern
          ? `${where} still accepts ${ctx.alongsideModern} besides TLS 1.2 or later. Current senders negotiate the newest version and deliver; the old versions only serve outdated clients and fail compliance scans (PCI DSS, BSI TR-02102).`
          : `${where} negotiated ${ctx.protocol} with this probe, which asks for the newest version it knows: the server offers nothing newer. Exchange Online requires TLS 1.2 and most current senders (OpenSSL 3 at its default security level) refuse TLS 1.0 and 1.1, so they fail the handshake and defer or send in clear text.`,
        'Enable TLS 1.2 and 1.3 on the server (or on the device that terminates TLS in front of it) and disable SSLv3, TLS 1.0 and TLS 1.1.',
      ],
      commands: [opensslCheck(ctx)],
    },
  );
}
