import { MTA_ORDER } from './platforms';
import type { Platform, Remediation } from './types';

export type PlatformRemediations = Partial<Record<Platform, () => Remediation>>;

/**
 * The entries a finding carries, the ones that fit first:
 * - a recognised platform with an entry of its own: that entry, then the generic one ('any');
 * - a recognised platform without one: the generic entry only;
 * - platform unknown (or hidden behind a masking middlebox without an entry of its own): the
 *   generic entry first, then every mail server's entry in MTA_ORDER marked as a guess, without
 *   the steps the generic entry already gives.
 */
export function selectRemediation(platform: Platform, entries: PlatformRemediations, any: Remediation): Remediation[] {
  const own = entries[platform];
  if (own) return [own(), any];
  if (platform === 'unknown' || platform === 'cisco-asa') {
    const guesses = MTA_ORDER.map((p) => entries[p]).filter((build): build is () => Remediation => !!build);
    const said = new Set(any.steps);
    // A guess repeats no step the generic entry already gave (the problem is stated once).
    return [any, ...guesses.map((build) => build()).map((r) => ({ ...r, guess: true, steps: r.steps.filter((step) => !said.has(step)) }))];
  }
  return [any];
}
