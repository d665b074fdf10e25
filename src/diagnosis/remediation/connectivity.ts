import type { ProbeErrorCode } from '../../probe/types';
import type { Platform, Remediation } from '../types';
import { formatPorts, formatPortsTitle } from '../text';
import type { TargetContext } from './context';
import { commandHost, hostPort } from './quoting';
import { selectRemediation } from './select';

/**
 * Remediation catalog for the connection-level findings: port-unreachable,
 * smtp-greeting-rejected, smtp-not-testable and smtp-protocol-error.
 */

export interface UnreachableContext extends TargetContext {
  platform: Platform;
  code: ProbeErrorCode;
}

export interface ReplyContext extends TargetContext {
  platform: Platform;
  /** The reply as quoted in evidence, when there was one. */
  reply?: string;
}

export function unreachableRemediation(ctx: UnreachableContext): Remediation[] {
  const host = commandHost(ctx.host) ?? '<host>';
  const port = ctx.ports[0] ?? 25;
  const where = formatPorts(ctx.ports);
  if (ctx.code === 'PROBE_DNS_FAILURE') {
    return [
      {
        platform: 'any',
        steps: [
          `${ctx.host} did not resolve. Check the spelling, and that the name has an A or AAAA record (an MX record names the host to probe; it is not an address itself).`,
          'A temporary DNS failure (SERVFAIL, timeout) can be retried; a name that does not exist (NXDOMAIN) cannot.',
        ],
        commands: [`dig +short A ${host}`, `dig +short AAAA ${host}`, `dig +short MX ${host}`],
      },
    ];
  }
  const refused = ctx.code === 'PROBE_CONNECT_REFUSED';
  const any: Remediation = {
    platform: 'any',
    steps: refused
      ? [
          `The host answered but refused the connection on ${where}: nothing listens there, or a firewall rejects it.`,
          'Check that the mail service listens on that port on the public address, and the firewall and any NAT rule forward it.',
        ]
      : [
          `No answer on ${where}: a firewall drops the packets, the address is wrong, or the host is down.`,
          'Many networks (cloud providers, residential ISPs) block outgoing port 25, so the cause may be on the probing side: probe from another network before changing the server.',
        ],
    commands: [`nc -vz -w 5 ${host} ${port}`, 'ss -ltnp | grep -E \':(25|465|587)\\b\''],
  };
  return selectRemediation(
    ctx.platform,
    {
      'exchange-onprem': () => ({
        platform: 'exchange-onprem',
        steps: ['Check which receive connectors bind the port, and that Windows Firewall and the perimeter firewall allow it.'],
        commands: [
          'Get-ReceiveConnector -Server <SRV> | fl Name,Bindings,RemoteIPRanges',
          `Test-NetConnection ${host} -Port ${port}`,
        ],
      }),
      postfix: () => ({
        platform: 'postfix',
        steps: ['Check that master.cf enables the service for the port (smtp for 25, submission for 587, submissions or smtps for 465) and inet_interfaces includes the public address.'],
        commands: ['postconf -M smtp/inet submission/inet submissions/inet smtps/inet', 'postconf inet_interfaces'],
      }),
      exim: () => ({
        platform: 'exim',
        steps: ['Check daemon_smtp_ports, tls_on_connect_ports and local_interfaces.'],
        commands: ['exim -bP daemon_smtp_ports tls_on_connect_ports local_interfaces'],
      }),
    },
    any,
  );
}

export function greetingRejectedRemediation(ctx: ReplyContext): Remediation[] {
  return [
    {
      platform: 'any',
      steps: [
        `The server refused this probe at the greeting on ${formatPorts(ctx.ports)}${ctx.reply ? ` (${ctx.reply})` : ''}. The text usually says why: the probing address is on a blocklist, is not in the allowed ranges, or the server accepts no mail from outside.`,
        'This says nothing about STARTTLS: probe from an address the server accepts (for example the network Exchange Online or your other senders use), or check the server\'s connection filter and access lists.',
      ],
      commands: [],
    },
  ];
}

export function notTestableRemediation(ctx: ReplyContext): Remediation[] {
  return [
    {
      platform: 'any',
      steps: [
        `${formatPortsTitle(ctx.ports)} could not be assessed: the server deferred or stalled the session before it could be tested. This is not a STARTTLS failure.`,
        'Typical causes: connection rate limits, greylisting or tarpitting of unknown addresses, a greeting delay longer than the probe waits, a server shutting down or overloaded.',
        'Probe again in a few minutes, or from another address; if it persists, check the server\'s connection limits and anti-spam delays.',
      ],
      commands: [],
    },
  ];
}

export function protocolErrorRemediation(ctx: ReplyContext): Remediation[] {
  const host = commandHost(ctx.host) ?? '<host>';
  const port = ctx.ports[0] ?? 25;
  return [
    {
      platform: 'any',
      steps: [
        `The SMTP dialogue on ${formatPorts(ctx.ports)} broke down: the server sent something that is not a valid SMTP reply, refused EHLO and HELO, or closed the connection.`,
        'Check what actually listens on the port (another service, a load balancer health-check port, a proxy speaking a different protocol) and read the transcript for the last lines exchanged.',
      ],
      commands: [`openssl s_client -connect ${hostPort(host, port)} -starttls smtp -crlf </dev/null`, `nc -v -w 10 ${host} ${port}`],
    },
  ];
}
