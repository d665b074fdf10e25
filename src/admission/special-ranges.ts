import { parseAddressRule, type AddressRule } from './address-rule';

export interface SpecialRange {
  rule: AddressRule;
  reason: string;
}

const range = (cidr: string, reason: string): SpecialRange => ({ rule: parseAddressRule(cidr), reason });

/**
 * Addresses the bot never connects to unless an allowed-targets entry lies inside
 * the range (e.g. 127.0.0.1 for loopback): a bot that connects wherever a Slack
 * user asks must not become a way into the host it runs on or its cloud's metadata.
 */
export const SPECIAL_RANGES: SpecialRange[] = [
  range('127.0.0.0/8', 'loopback'),
  range('::1/128', 'loopback'),
  range('0.0.0.0/8', 'unspecified ("this host")'),
  range('::/128', 'unspecified'),
  range('169.254.0.0/16', 'link-local (includes the 169.254.169.254 cloud metadata service)'),
  range('fe80::/10', 'link-local'),
  range('fd00:ec2::254/128', 'AWS metadata service'),
  range('100.100.100.200/32', 'Alibaba Cloud metadata service'),
  range('168.63.129.16/32', 'Azure platform endpoint'),
  range('192.0.0.192/32', 'Oracle Cloud metadata service'),
  range('224.0.0.0/4', 'multicast'),
  range('ff00::/8', 'multicast'),
  range('240.0.0.0/4', 'reserved'),
];
