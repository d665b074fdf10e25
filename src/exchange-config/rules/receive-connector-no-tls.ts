import { formatPorts } from '../../diagnosis/text';
import { ems } from '../../fix-commands/command';
import { literal, receiveConnectorId, restartFor } from '../commands';
import { EXCHANGE_ONLINE_OUTBOUND } from '../exchange-online-ranges';
import { EXCHANGE_ONLINE_RANGES, exchangeOnlineRangesReaching } from '../exchange-online-senders';
import { rangesOverlap } from '../ip-ranges';
import { capitalise, connectorPorts, hasTls, isInternetFacing, receiveConnectorPhrase } from '../receive-connector';
import type { ExchangeFinding, IpRange, ReceiveConnector } from '../types';
import { hasFlag } from '../values';
import type { RuleContext } from './rule';

const DEFAULT_FRONTEND_AUTH = ['Tls', 'Integrated', 'BasicAuth', 'BasicAuthRequireTLS', 'ExchangeServer'];

/** The reply Exchange Online gives up with when the on-premises port 25 offers no STARTTLS. */
export const EXO_STARTTLS_REQUIRED = '451 5.7.3 STARTTLS is required to send mail';

/**
 * A connector on port 25 whose AuthMechanism lacks Tls: Exchange offers no STARTTLS there.
 * Critical when Exchange Online's outbound ranges reach it (hybrid mail is refused) or when it
 * answers every sender; a warning when only listed hosts get no STARTTLS.
 */
export function receiveConnectorNoTls({ config }: RuleContext): ExchangeFinding[] {
  return config.receiveConnectors
    .filter((rc) => isInternetFacing(rc) && !hasTls(rc))
    .map((rc) => {
      const exo = exchangeOnlineRangesReaching(rc, config.receiveConnectors);
      return exo.length > 0 ? exchangeOnlineFinding(rc, exo) : finding(rc);
    });
}

/** Answers every sender of a family rather than a listed few. */
export function answersEveryone(rc: ReceiveConnector): boolean {
  return rc.remoteIpRanges.some((r) => r.first === 0n && r.last === (r.family === 4 ? (1n << 32n) - 1n : (1n << 128n) - 1n));
}

/** The AuthMechanism to set: Tls added to what is there (only Tls may join ExternalAuthoritative). */
export function authMechanismWithTls(rc: ReceiveConnector): string[] {
  if (hasFlag(rc.authMechanism, 'ExternalAuthoritative')) return ['Tls', 'ExternalAuthoritative'];
  if (/^default frontend\b/i.test(rc.name ?? '')) return DEFAULT_FRONTEND_AUTH;
  return ['Tls', ...rc.authMechanism.filter((m) => m.toLowerCase() !== 'tls')];
}

function exchangeOnlineFinding(rc: ReceiveConnector, exo: IpRange[]): ExchangeFinding {
  const base = finding(rc);
  const name = receiveConnectorPhrase(rc);
  const list = `${EXCHANGE_ONLINE_OUTBOUND.source}, as reproduced on ${EXCHANGE_ONLINE_OUTBOUND.reproducedOn}`;
  const narrowed = rangesWithoutExchangeOnline(rc);
  const steps = [
    `Exchange Online sends hybrid mail to port 25 from its published outbound ranges, and ${name} is the connector that answers them. It offers no STARTTLS, and Exchange Online delivers to on-premises only over TLS: it queues the mail and gives up with "${EXO_STARTTLS_REQUIRED}".`,
    ...base.remediation[0].steps,
    ...(narrowed
      ? [
          `Or, if ${name} is only meant for the relaying hosts listed in it, take Exchange Online's ranges out of its RemoteIPRanges (second command) so Exchange Online reaches a connector that offers STARTTLS, such as the Default Frontend connector.`,
        ]
      : []),
  ];
  return {
    ...base,
    severity: 'critical',
    title: `${capitalise(name)} answers Exchange Online without STARTTLS: hybrid mail is refused with 451 5.7.3`,
    evidence: [
      ...base.evidence.slice(0, 2),
      `RemoteIPRanges: ${rc.remoteIpRangesText?.trim() ?? '(not in the paste; every address by default)'}: it answers Exchange Online's outbound ranges ${exo.map((r) => r.text).join(', ')}`,
      `Exchange Online's hybrid mail from those addresses lands on this connector and is refused with "${EXO_STARTTLS_REQUIRED}" (Exchange Online requires STARTTLS towards on-premises)`,
      ...requireTlsMismatch(rc),
      `Exchange Online's outbound ranges: ${list}`,
    ],
    remediation: [
      {
        ...base.remediation[0],
        steps,
        commands: [
          base.remediation[0].commands[0],
          ...(narrowed ? [ems(`Set-ReceiveConnector ${receiveConnectorId(rc)} -RemoteIPRanges ${narrowed}`)] : []),
          restartFor(rc),
        ],
      },
    ],
  };
}

/** RequireTLS True on a connector without Tls: it demands what it cannot offer. */
function requireTlsMismatch(rc: ReceiveConnector): string[] {
  return rc.requireTls === true ? ['RequireTLS: True, but without Tls in AuthMechanism the connector cannot offer STARTTLS: the two settings contradict each other'] : [];
}

/**
 * The connector's RemoteIPRanges without Exchange Online's, as a PowerShell list, when every entry
 * that touches Exchange Online lies inside its ranges (they were added on purpose) and others remain.
 */
function rangesWithoutExchangeOnline(rc: ReceiveConnector): string | undefined {
  if (rc.remoteIpRangesText === undefined || rc.remoteIpRangesTruncated || rc.remoteIpRangesUnreadable.length > 0) return undefined;
  const touching = rc.remoteIpRanges.filter((r) => EXCHANGE_ONLINE_RANGES.some((exo) => rangesOverlap(r, exo)));
  const inside = touching.every((r) => EXCHANGE_ONLINE_RANGES.some((exo) => exo.family === r.family && exo.first <= r.first && r.last <= exo.last));
  const kept = rc.remoteIpRanges.filter((r) => !touching.includes(r));
  if (!inside || kept.length === 0) return undefined;
  return kept.map((r) => literal(r.text, '<range>')).join(',');
}

function finding(rc: ReceiveConnector): ExchangeFinding {
  const everyone = answersEveryone(rc);
  const auth = rc.authMechanism.length > 0 ? rc.authMechanism.join(', ') : 'None';
  const newAuth = authMechanismWithTls(rc);
  const ports = connectorPorts(rc);
  const steps = [
    `Add Tls to the connector's AuthMechanism so Exchange offers STARTTLS and loads a certificate for it.`,
    hasFlag(rc.authMechanism, 'ExternalAuthoritative')
      ? 'The connector is an anonymous relay (ExternalAuthoritative): Tls is the only value allowed next to it, and adding it changes nothing else for the relaying hosts.'
      : 'Keep the other mechanisms the connector already has.',
    `Restart the transport service and probe ${formatPorts(ports)} again.`,
  ];
  return {
    id: 'receive-connector-no-tls',
    severity: everyone ? 'critical' : 'warning',
    ports,
    title: `${capitalise(receiveConnectorPhrase(rc))} offers no STARTTLS: Tls is missing from its AuthMechanism`,
    evidence: [
      `AuthMechanism: ${auth} (no Tls)`,
      `Bindings: ${rc.bindingsText.trim()}`,
      everyone
        ? `RemoteIPRanges: ${rc.remoteIpRangesText?.trim() ?? '(not in the paste; every address by default)'}: it answers every sender on ${formatPorts(ports)}`
        : `RemoteIPRanges: ${rc.remoteIpRangesText?.trim()}: the senders in these ranges get no STARTTLS on ${formatPorts(ports)}`,
    ],
    remediation: [
      {
        platform: 'exchange-onprem',
        steps,
        commands: [ems(`Set-ReceiveConnector ${receiveConnectorId(rc)} -AuthMechanism ${newAuth.join(',')}`), restartFor(rc)],
      },
    ],
    objects: rc.identity ? [rc.identity] : [],
  };
}
