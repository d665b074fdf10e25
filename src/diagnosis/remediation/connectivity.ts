import type { ProbeErrorCode } from '../../probe/types';
import type { Command, Platform, Remediation } from '../../fix-commands/types';
import { formatPorts, formatPortsTitle } from '../text';
import { ems, powershell, sh } from '../../fix-commands/command';
import type { TargetContext } from '../../fix-commands/target-context';
import { commandDnsName, commandHost, hostPort } from '../../fix-commands/quoting';
import { selectRemediation } from '../../fix-commands/select';

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

/** The master.cf services that usually listen on each port. */
const POSTFIX_SERVICES: Record<number, string[]> = {
  25: ['smtp/inet'],
  587: ['submission/inet'],
  465: ['submissions/inet', 'smtps/inet'],
};

/** Which process listens on the probed ports, on the server itself. */
function listeningCommand(ports: number[]): Command {
  return sh(`ss -ltnp | grep -E ':(${sortedPorts(ports).join('|')})\\b'`);
}

function sortedPorts(ports: number[]): number[] {
  return [...new Set(ports)].sort((a, b) => a - b);
}

function postfixServices(ports: number[]): Command[] {
  const named = ports.flatMap((p) => POSTFIX_SERVICES[p] ?? []);
  const other = ports.filter((p) => !POSTFIX_SERVICES[p]);
  const commands: Command[] = [];
  if (named.length > 0) commands.push(sh(`postconf -M ${named.join(' ')}`));
  // A service on another port is named by the port (or address:port) in master.cf.
  if (other.length > 0) commands.push(sh(`postconf -M | grep -E '^(\\S+:)?(${other.join('|')})\\s'`));
  commands.push(sh('postconf inet_interfaces'));
  return commands;
}

function dnsRemediation(ctx: UnreachableContext): Remediation[] {
  const name = commandDnsName(ctx.host);
  return [
    {
      platform: 'any',
      steps: [
        `${ctx.host} did not resolve. Check the spelling, and that the name has an A or AAAA record (an MX record names the host to probe; it is not an address itself).`,
        'A temporary DNS failure (SERVFAIL, timeout) can be retried; a name that does not exist (NXDOMAIN) cannot.',
      ],
      commands: name ? [sh(`dig +short A ${name}`), sh(`dig +short AAAA ${name}`), sh(`dig +short MX ${name}`)] : [],
    },
  ];
}

export function unreachableRemediation(ctx: UnreachableContext): Remediation[] {
  if (ctx.code === 'PROBE_DNS_FAILURE') return dnsRemediation(ctx);
  const host = commandHost(ctx.host) ?? '<host>';
  const port = ctx.ports[0] ?? 25;
  const where = formatPorts(ctx.ports);
  const refused = ctx.code === 'PROBE_CONNECT_REFUSED';
  const any: Remediation = {
    platform: 'any',
    steps: refused
      ? [
          `The host answered but refused the connection on ${where}: nothing listens there, or a firewall rejects it.`,
          `Check on the server that the mail service listens on ${where} on the public address, and that the firewall and any NAT rule forward it.`,
        ]
      : [
          `No answer on ${where}: a firewall drops the packets, the address is wrong, or the host is down.`,
          'Many networks (cloud providers, residential ISPs) block outgoing port 25, so the cause may be on the probing side: probe from another network before changing the server.',
        ],
    commands: [sh(`nc -vz -w 5 ${host} ${sortedPorts(ctx.ports).join(' ')}`), listeningCommand(ctx.ports)],
  };
  return selectRemediation(
    ctx.platform,
    {
      'exchange-onprem': () => ({
        platform: 'exchange-onprem',
        steps: [`Check which receive connectors bind ${where}, and that Windows Firewall and the perimeter firewall allow it.`],
        commands: [ems('Get-ReceiveConnector -Server <SRV> | fl Name,Bindings,RemoteIPRanges'), powershell(`Test-NetConnection ${host} -Port ${port}`)],
      }),
      postfix: () => ({
        platform: 'postfix',
        steps: [
          `Check that master.cf has a service listening on ${where} (smtp for 25, submission for 587, submissions or smtps for 465, the port number otherwise) and that inet_interfaces includes the public address.`,
        ],
        commands: postfixServices(ctx.ports),
      }),
      exim: () => ({
        platform: 'exim',
        steps: [`Check that daemon_smtp_ports (and tls_on_connect_ports for implicit TLS) list ${where}, and local_interfaces the public address.`],
        commands: [sh('exim -bP daemon_smtp_ports tls_on_connect_ports local_interfaces')],
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
  const starttls = ctx.mode === 'starttls' ? ' -starttls smtp' : '';
  const commands = [sh(`openssl s_client -connect ${hostPort(host, port)}${starttls} -crlf </dev/null`)];
  if (ctx.mode === 'starttls') commands.push(sh(`nc -v -w 10 ${host} ${port}`));
  return [
    {
      platform: 'any',
      steps: [
        `The SMTP dialogue on ${formatPorts(ctx.ports)} broke down: the server sent something that is not a valid SMTP reply, refused EHLO and HELO, or closed the connection.`,
        'Check what actually listens on the port (another service, a load balancer health-check port, a proxy speaking a different protocol) and read the transcript for the last lines exchanged.',
      ],
      commands,
    },
  ];
}

/** A `--tls` probe of a port that speaks plain SMTP: probe it again without --tls. */
export function plainSmtpProbeRemediation(ctx: ReplyContext): Remediation[] {
  const host = commandHost(ctx.host) ?? '<host>';
  const ports = sortedPorts(ctx.ports).join(' ');
  return [
    {
      platform: 'any',
      steps: [
        `${formatPortsTitle(ctx.ports)} answered the TLS handshake with plain SMTP: it is a STARTTLS port, and --tls (implicit TLS, smtps://) does not apply to it. Nothing about its STARTTLS was tested.`,
        'Probe it again without --tls to test its STARTTLS.',
      ],
      commands: [sh(`starttls probe ${host} ${ports}`)],
    },
  ];
}
