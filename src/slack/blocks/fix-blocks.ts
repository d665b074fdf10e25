import { commandLines, type StoredCommand } from '../../fix-commands/command';
import type { Remediation } from '../../fix-commands/types';
import { codeBlockContent, prose } from './escape';
import { PLATFORM_LABEL } from './labels';
import { clip, codeSections, LIMITS, section, type Block } from './limits';

/** A remediation entry as a report stored it: commands may predate their shells (bare strings). */
export interface StoredRemediation {
  platform: Remediation['platform'];
  guess?: boolean;
  steps: string[];
  commands: readonly StoredCommand[];
}

/** "Postfix", "Any platform", or "If this is Postfix" for a guess made because the platform was not recognised. */
export function fixLabel(r: Pick<StoredRemediation, 'platform' | 'guess'>): string {
  return r.guess ? `If this is ${PLATFORM_LABEL[r.platform]}` : PLATFORM_LABEL[r.platform];
}

/** One remediation entry: its label and numbered steps, then its commands with their shells' prompts. */
export function fixBlocks(r: StoredRemediation): Block[] {
  const steps = r.steps.map((s, i) => `${i + 1}. ${prose(clip(s, 600))}`);
  const blocks: Block[] = [section(clip([`_${fixLabel(r)}_`, ...steps].join('\n'), LIMITS.sectionText))];
  if (r.commands.length > 0) blocks.push(...codeSections(codeBlockContent(commandLines(r.commands).join('\n'))));
  return blocks;
}

/**
 * The entries worth showing, the fitting ones first: for a recognised platform its own entry and the
 * generic one; for an unknown platform the generic entry, then the guesses. Reports stored before
 * the guesses were marked listed them first: the generic entry is moved ahead for those too.
 */
export function fittingFixes<R extends StoredRemediation>(remediation: readonly R[], platform: Remediation['platform'] | 'unknown'): R[] {
  if (platform === 'unknown' || platform === 'cisco-asa') {
    return [...remediation.filter((r) => r.platform === 'any' || r.platform === platform), ...remediation.filter((r) => r.platform !== 'any' && r.platform !== platform)];
  }
  const matching = remediation.filter((r) => r.platform === platform || r.platform === 'any');
  return matching.length > 0 ? matching : [...remediation];
}

/**
 * The fitting fix in one line for the report itself; the guesses stay behind Show remediation. A
 * platform's entry opens with what to do; the generic entry opens with the problem, then the fix.
 */
export function fixSummary(remediation: readonly StoredRemediation[], platform: Remediation['platform'] | 'unknown', max = 300): string | undefined {
  const first = fittingFixes(remediation, platform).find((r) => !r.guess && r.steps.length > 0);
  if (!first) return undefined;
  const label = first.platform === 'any' ? '' : `${PLATFORM_LABEL[first.platform]}: `;
  const step = first.platform === 'any' ? (first.steps[1] ?? first.steps[0]) : first.steps[0];
  return `🛠 ${label}${prose(clip(step, max))}`;
}
