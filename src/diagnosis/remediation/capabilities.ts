import type { Platform, Remediation } from '../../fix-commands/types';
import { formatByteSize, formatPortsTitle } from '../text';
import type { TargetContext } from '../../fix-commands/target-context';
import { ems, fileLine, sh } from '../../fix-commands/command';
import { GET_RECEIVE_CONNECTORS, receiveConnectorFor } from '../../fix-commands/exchange-commands';
import { selectRemediation } from '../../fix-commands/select';

/** Remediation catalog for capabilities-differ and auth-without-tls. */

export interface CapabilitiesDifferContext extends TargetContext {
  platform: Platform;
  /** SIZE value per port, where it differs between ports. */
  sizes: { port: number; size: string }[];
}

export interface AuthWithoutTlsContext extends TargetContext {
  platform: Platform;
  mechanisms: string[];
}

function sizeLines(sizes: { port: number; size: string }[]): string {
  return sizes
    .map(({ port, size }) => {
      const bytes = Number(size);
      return Number.isFinite(bytes) && bytes > 0 ? `port ${port}: ${formatByteSize(bytes)}` : `port ${port}: ${size}`;
    })
    .join('; ');
}

export function capabilitiesDifferRemediation(ctx: CapabilitiesDifferContext): Remediation[] {
  const where = formatPortsTitle(ctx.ports);
  const sizes = ctx.sizes.length ? ` The SIZE values are each connector's MaxMessageSize: ${sizeLines(ctx.sizes)}.` : '';
  return selectRemediation(
    ctx.platform,
    {
      'exchange-onprem': () => ({
        platform: 'exchange-onprem',
        steps: [
          `On Exchange each port is answered by a receive connector (Default Frontend on 25, Client Frontend on 587), and a connector with a more specific RemoteIPRanges can take over a port for some senders.${sizes}`,
          'List the connectors and match Bindings, RemoteIPRanges and MaxMessageSize to what each port advertised; the connector without Tls in AuthMechanism, or with a stale TlsCertificateName, is the one to fix.',
        ],
        commands: [GET_RECEIVE_CONNECTORS],
      }),
      postfix: () => ({
        platform: 'postfix',
        steps: [
          'Each port is a master.cf service; -o overrides there (smtpd_tls_security_level, smtpd_sasl_auth_enable, message_size_limit) make the ports differ. Compare them with the main.cf values.',
        ],
        commands: [sh('postconf -P'), sh('postconf -n')],
      }),
    },
    {
      platform: 'any',
      steps: [
        `${where} advertise different capabilities, so a different service, connector or server answers each port. Some differences are normal (AUTH only on submission); STARTTLS missing on one port is not.`,
        'If a NAT rule or load balancer forwards the ports, check they all reach the intended server: compare the banners.',
      ],
      commands: [],
    },
  );
}

export function authWithoutTlsRemediation(ctx: AuthWithoutTlsContext): Remediation[] {
  const where = formatPortsTitle(ctx.ports);
  const mechs = ctx.mechanisms.join(', ');
  const port = ctx.ports[0];
  return selectRemediation(
    ctx.platform,
    {
      'exchange-onprem': () => ({
        platform: 'exchange-onprem',
        steps: ['Keep BasicAuthRequireTLS in the connector\'s AuthMechanism (with BasicAuth and Tls): Exchange then offers AUTH LOGIN only after STARTTLS.'],
        commands: [
          GET_RECEIVE_CONNECTORS,
          ems(`Set-ReceiveConnector ${receiveConnectorFor(port)} -AuthMechanism Tls,Integrated,BasicAuth,BasicAuthRequireTLS${port === 25 ? ',ExchangeServer' : ''}`),
        ],
      }),
      postfix: () => ({
        platform: 'postfix',
        steps: ['Set smtpd_tls_auth_only = yes (globally or as a -o override on the submission service) so AUTH appears only after STARTTLS.'],
        commands: [sh("postconf -e 'smtpd_tls_auth_only = yes'"), sh('postfix reload')],
      }),
      exim: () => ({
        platform: 'exim',
        steps: ['Advertise AUTH only inside TLS: set auth_advertise_hosts in the main configuration as below, then restart Exim.'],
        commands: [fileLine('the Exim main configuration', 'auth_advertise_hosts = ${if eq{$tls_in_cipher}{}{}{*}}'), sh('systemctl restart exim4')],
      }),
      sendmail: () => ({
        platform: 'sendmail',
        steps: ['Add the p flag to confAUTH_OPTIONS so plain-text mechanisms are offered only over TLS, then rebuild sendmail.cf.'],
        commands: [fileLine('/etc/mail/sendmail.mc', "define(`confAUTH_OPTIONS', `A p')"), sh('cd /etc/mail && make && systemctl restart sendmail')],
      }),
      opensmtpd: () => ({
        platform: 'opensmtpd',
        steps: ['Use tls-require on the listener that offers auth, so AUTH is only accepted after TLS.'],
        commands: [fileLine('/etc/smtpd.conf', `listen on egress${port !== undefined && port !== 25 ? ` port ${port}` : ''} tls-require pki <name> auth`), sh('smtpd -n'), sh('rcctl restart smtpd')],
      }),
    },
    {
      platform: 'any',
      steps: [
        `${where} offer${ctx.ports.length === 1 ? 's' : ''} AUTH ${mechs} before STARTTLS. A client that does not insist on TLS sends the user name and password in clear text.`,
        'Offer plain-text mechanisms only after STARTTLS, or only on port 465 (implicit TLS).',
      ],
      commands: [],
    },
  );
}
