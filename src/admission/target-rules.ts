import { BlockList } from 'node:net';
import { parseHost, TargetError } from '../check/parse-target';
import { canonicalAddress, looksLikeAddressRule, parseAddressRule, type AddressRule } from './address-rule';
import { PolicyError } from './policy-error';

/** A list of host names (`mail.contoso.com`, `*.contoso.com`) and addresses/CIDR ranges. */
export interface TargetRules {
  names: string[];
  /** From `*.example.com` entries: matches any name under example.com. */
  suffixes: string[];
  addresses: AddressRule[];
  blockList: BlockList;
}

export function parseTargetRules(entries: string[]): TargetRules {
  const rules: TargetRules = { names: [], suffixes: [], addresses: [], blockList: new BlockList() };
  for (const entry of entries.map((e) => e.trim()).filter(Boolean)) {
    if (looksLikeAddressRule(entry)) {
      const rule = parseAddressRule(entry);
      rules.addresses.push(rule);
      rules.blockList.addSubnet(rule.network, rule.prefix, rule.family);
    } else if (entry.startsWith('*.')) {
      rules.suffixes.push(`.${hostName(entry.slice(2), entry)}`);
    } else {
      rules.names.push(hostName(entry, entry));
    }
  }
  return rules;
}

function hostName(text: string, entry: string): string {
  try {
    return parseHost(text);
  } catch (err) {
    if (err instanceof TargetError) throw new PolicyError('POLICY_BAD_RULE', `not a host name, IP address or CIDR range: ${entry}`);
    throw err;
  }
}

export function isEmpty(rules: TargetRules): boolean {
  return rules.names.length + rules.suffixes.length + rules.addresses.length === 0;
}

export function matchesName(rules: TargetRules, host: string): boolean {
  return rules.names.includes(host) || rules.suffixes.some((s) => host.endsWith(s));
}

export function matchesAddress(rules: TargetRules, address: string): boolean {
  const c = canonicalAddress(address);
  return rules.blockList.check(c.address, c.family);
}
