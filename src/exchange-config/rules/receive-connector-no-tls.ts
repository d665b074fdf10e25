import { formatPorts } from '../../diagnosis/text';
import { receiveConnectorId, restartFor } from '../commands';
import { capitalise, connectorPorts, hasTls, isInternetFacing, receiveConnectorPhrase } from '../receive-connector';
import type { ExchangeFinding, ReceiveConnector } from '../types';
import { hasFlag } from '../values';
import type { RuleContext } from './rule';

const DEFAULT_FRONTEND_AUTH = ['Tls', 'Integrated', 'BasicAuth', 'BasicAuthRequireTLS', 'ExchangeServer'];

/** A connector on port 25 whose AuthMechanism lacks Tls: Exchange offers no STARTTLS there. */
export function receiveConnectorNoTls({ config }: RuleContext): ExchangeFinding[] {
  return config.receiveConnectors.filter((rc) => isInternetFacing(rc) && !hasTls(rc)).map(finding);
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
        commands: [`Set-ReceiveConnector ${receiveConnectorId(rc)} -AuthMechanism ${newAuth.join(',')}`, restartFor(rc)],
      },
    ],
    objects: rc.identity ? [rc.identity] : [],
  };
}
