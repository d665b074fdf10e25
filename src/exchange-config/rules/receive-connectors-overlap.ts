import { formatByteSize } from '../../diagnosis/text';
import { ems } from '../../fix-commands/command';
import { receiveConnectorId, restartFor } from '../commands';
import { bindingsOverlap, rangeSize, rangesOverlap } from '../ip-ranges';
import { capitalise, hasTls, receiveConnectorLabel } from '../receive-connector';
import type { ExchangeFinding, ReceiveConnector } from '../types';
import { hasFlag } from '../values';
import { authMechanismWithTls } from './receive-connector-no-tls';
import type { RuleContext } from './rule';

const MAX_RANGE_LINES = 8;

interface Pair {
  a: ReceiveConnector;
  b: ReceiveConnector;
  families: Set<4 | 6>;
}

/**
 * Connectors bound to the same address and port whose RemoteIPRanges overlap: Exchange hands
 * each connection to the connector with the most specific range containing the sender, so two
 * senders can see different EHLO answers on the same port.
 */
export function receiveConnectorsOverlap({ config }: RuleContext): ExchangeFinding[] {
  const enabled = config.receiveConnectors.filter((rc) => rc.enabled);
  const ports = [...new Set(enabled.flatMap((rc) => rc.bindings.map((b) => b.port)))].sort((a, b) => a - b);
  const out: ExchangeFinding[] = [];
  for (const port of ports) {
    const pairs: Pair[] = [];
    const onPort = enabled.filter((rc) => rc.bindings.some((b) => b.port === port));
    for (let i = 0; i < onPort.length; i++) {
      for (let j = i + 1; j < onPort.length; j++) {
        const families = sharedFamilies(onPort[i], onPort[j], port);
        if (sharesSenders(onPort[i], onPort[j], families)) pairs.push({ a: onPort[i], b: onPort[j], families });
      }
    }
    if (pairs.length > 0) out.push(finding(port, pairs));
  }
  return out;
}

/** Address families in which both connectors listen on the same address and port. */
function sharedFamilies(a: ReceiveConnector, b: ReceiveConnector, port: number): Set<4 | 6> {
  const families = new Set<4 | 6>();
  for (const x of a.bindings) {
    if (x.port === port && b.bindings.some((y) => bindingsOverlap(x, y))) families.add(x.family);
  }
  return families;
}

function sharesSenders(a: ReceiveConnector, b: ReceiveConnector, families: Set<4 | 6>): boolean {
  return a.remoteIpRanges.some((x) => families.has(x.family) && b.remoteIpRanges.some((y) => rangesOverlap(x, y)));
}

function describe(rc: ReceiveConnector): string {
  const size = rc.maxMessageSize === undefined ? 'MaxMessageSize not pasted' : rc.maxMessageSize === null ? 'MaxMessageSize Unlimited' : `MaxMessageSize ${formatByteSize(rc.maxMessageSize)}`;
  const cut = rc.remoteIpRangesTruncated ? ' (cut in the paste: more ranges exist)' : '';
  return `${capitalise(receiveConnectorLabel(rc))}: RemoteIPRanges ${rc.remoteIpRangesText?.trim() ?? '(not pasted: every address)'}${cut}; AuthMechanism ${rc.authMechanism.join(', ') || 'None'}; ${size}`;
}

/** Which connector wins for the addresses two ranges share. */
function winners({ a, b, families }: Pair): string[] {
  const lines: string[] = [];
  for (const x of a.remoteIpRanges) {
    for (const y of b.remoteIpRanges) {
      if (!families.has(x.family) || !rangesOverlap(x, y)) continue;
      const sx = rangeSize(x);
      const sy = rangeSize(y);
      if (sx === sy) {
        lines.push(`${x.text} is in both ${receiveConnectorLabel(a)} and ${receiveConnectorLabel(b)} with the same specificity: which one answers depends on the local address (a binding to a specific address beats 0.0.0.0).`);
      } else {
        const [winner, wr, loser, lr] = sx < sy ? [a, x, b, y] : [b, y, a, x];
        lines.push(`Senders in ${wr.text} reach ${receiveConnectorLabel(winner)} (more specific than ${lr.text} of ${receiveConnectorLabel(loser)}).`);
      }
    }
  }
  return lines;
}

function differences(group: readonly ReceiveConnector[]): string[] {
  const lines: string[] = [];
  const withTls = group.filter(hasTls);
  if (withTls.length > 0 && withTls.length < group.length) {
    const without = group.filter((rc) => !hasTls(rc)).map(receiveConnectorLabel);
    lines.push(`STARTTLS differs by sender: ${without.join(', ')} ha${without.length === 1 ? 's' : 've'} no Tls in AuthMechanism, so the senders it answers get no STARTTLS.`);
  }
  const sizes = new Set(group.map((rc) => rc.maxMessageSize).filter((s) => s !== undefined));
  if (sizes.size > 1) lines.push('SIZE differs by sender: the connectors have different MaxMessageSize values.');
  const auth = new Set(group.map((rc) => hasFlag(rc.authMechanism, 'Integrated') || hasFlag(rc.authMechanism, 'BasicAuth')));
  if (auth.size > 1) lines.push('AUTH differs by sender: only some of the connectors allow Integrated or BasicAuth.');
  return lines;
}

function finding(port: number, pairs: Pair[]): ExchangeFinding {
  const group = [...new Set(pairs.flatMap((p) => [p.a, p.b]))];
  const ranges = pairs.flatMap(winners);
  const shown = ranges.slice(0, MAX_RANGE_LINES);
  if (ranges.length > shown.length) shown.push(`… and ${ranges.length - shown.length} more overlapping ranges.`);
  const diff = differences(group);
  const noTls = group.filter((rc) => !hasTls(rc));
  return {
    id: 'receive-connectors-overlap',
    severity: noTls.length > 0 && noTls.length < group.length ? 'warning' : 'info',
    ports: [port],
    title: `${group.length} receive connectors answer port ${port} for overlapping senders`,
    evidence: [...group.map(describe), ...shown, ...diff],
    remediation: [
      {
        platform: 'exchange-onprem',
        steps: [
          `Exchange gives each connection on port ${port} to the connector whose RemoteIPRanges entry containing the sender's address is the most specific, so the capabilities a sender sees depend on where it connects from. A probe from one place can see another connector than Exchange Online or a partner does.`,
          noTls.length > 0
            ? 'Give every connector that can answer senders from outside Tls in its AuthMechanism, or narrow its RemoteIPRanges to the hosts it is meant for (a relay connector: only the application servers).'
            : 'Check that each connector answers the senders it is meant for.',
        ],
        commands: noTls.map((rc) => ems(`Set-ReceiveConnector ${receiveConnectorId(rc)} -AuthMechanism ${authMechanismWithTls(rc).join(',')}`)).concat(
          noTls.length > 0 ? [...new Set(noTls.map(restartFor))] : [],
        ),
      },
    ],
    objects: group.flatMap((rc) => (rc.identity ? [rc.identity] : [])),
  };
}
