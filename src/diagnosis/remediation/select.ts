import { MTA_ORDER } from '../platforms';
import type { Platform, Remediation } from '../types';

export type PlatformRemediations = Partial<Record<Platform, () => Remediation>>;

/**
 * The entries a finding carries: the fingerprinted platform's own entry first, then 'any'.
 * When the platform is unknown (or hidden behind a masking middlebox) every mail server's
 * entry is given, in MTA_ORDER, since any of them might be answering. A known platform with
 * no entry of its own gets only 'any'.
 */
export function selectRemediation(platform: Platform, entries: PlatformRemediations, any: Remediation): Remediation[] {
  const own = entries[platform];
  if (own) return [own(), any];
  if (platform === 'unknown' || platform === 'cisco-asa') {
    const guesses = MTA_ORDER.map((p) => entries[p]).filter((build): build is () => Remediation => !!build);
    return [...guesses.map((build) => build()), any];
  }
  return [any];
}
