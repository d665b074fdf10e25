import { BlockList } from 'node:net';
import { canonicalAddress, type AddressRule } from './address-rule';
import { PolicyError } from './policy-error';
import { SPECIAL_RANGES, type SpecialRange } from './special-ranges';
import { isEmpty, matchesAddress, matchesName, type TargetRules } from './target-rules';

export const DEFAULT_ALLOWED_PORTS = [25, 465, 587, 2525];

export interface TargetPolicy {
  allowedPorts: number[];
  /** When not empty, only these targets may be probed; address entries inside a special range also open it. */
  allowed: TargetRules;
  /** Never probed, whatever else says. */
  denied: TargetRules;
}

export function judgePorts(policy: TargetPolicy, ports: number[]): void {
  const refused = ports.filter((p) => !policy.allowedPorts.includes(p));
  if (refused.length > 0) {
    throw new PolicyError('POLICY_PORT_NOT_ALLOWED', `port ${refused.join(', ')} is not allowed here (allowed: ${policy.allowedPorts.join(', ')})`);
  }
}

/** The checks that need no DNS: denied names. */
export function judgeHostName(policy: TargetPolicy, host: string): void {
  if (matchesName(policy.denied, host)) throw new PolicyError('POLICY_HOST_DENIED', `${host} is on this bot's deny list`);
}

/** The checks after DNS: every address the host resolves to must be allowed, or the target is refused. */
export function judgeAddresses(policy: TargetPolicy, host: string, addresses: string[]): void {
  if (addresses.length === 0) throw new PolicyError('POLICY_UNRESOLVABLE', `${host} has no address`);
  for (const raw of addresses) {
    const { address } = canonicalAddress(raw);
    const shown = host === address ? address : `${host} resolves to ${address}, which`;
    if (matchesAddress(policy.denied, address)) throw new PolicyError('POLICY_ADDRESS_DENIED', `${shown} is on this bot's deny list`);
    const special = SPECIAL_RANGES.find((s) => contains(s.rule, address));
    if (special && !liftedBy(policy.allowed, special, address)) {
      throw new PolicyError('POLICY_ADDRESS_DENIED', `${shown} is a ${special.reason} address: not probed from here`);
    }
    if (!isEmpty(policy.allowed) && !matchesName(policy.allowed, host) && !matchesAddress(policy.allowed, address)) {
      throw new PolicyError('POLICY_HOST_NOT_ALLOWED', `${host === address ? address : host} is not on this bot's list of allowed targets`);
    }
  }
}

function contains(rule: AddressRule, address: string): boolean {
  const c = canonicalAddress(address);
  if (c.family !== rule.family) return false;
  const list = new BlockList();
  list.addSubnet(rule.network, rule.prefix, rule.family);
  return list.check(c.address, c.family);
}

/** Only an entry inside the special range opens it: 127.0.0.1 opens loopback, 0.0.0.0/0 opens nothing special. */
function liftedBy(allowed: TargetRules, special: SpecialRange, address: string): boolean {
  return allowed.addresses.some(
    (rule) => rule.family === special.rule.family && rule.prefix >= special.rule.prefix && contains(special.rule, rule.network) && contains(rule, address),
  );
}
