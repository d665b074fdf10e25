import type { Finding } from '../../diagnosis/types';
import type { Platform } from '../../fix-commands/types';
import { prose, verbatim } from './escape';
import { fixSummary } from './fix-blocks';
import { LEVEL_LABEL, SEVERITY_ORDER } from './labels';
import { findingLevel } from '../../diagnosis/finding-level';
import { clip, section, type Block } from './limits';

const EVIDENCE_SHOWN = 3;
const EVIDENCE_MAX = 240;
const FINDING_MAX = 1200;
const IMPACT_MAX = 500;

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
}

export function findingTitle(f: Finding): string {
  return `${LEVEL_LABEL[findingLevel(f)]} · *${prose(clip(f.title, 200))}* (port${f.ports.length > 1 ? 's' : ''} ${f.ports.join(', ')})`;
}

/**
 * One section per finding: severity, title, ports, who refuses the mail, the first lines of
 * evidence and the fix that fits the platform (never a guess: those are behind Show remediation).
 */
export function findingBlock(f: Finding, platform: Platform): Block {
  const evidence = f.evidence.slice(0, EVIDENCE_SHOWN).map((e) => `• ${verbatim(clip(e, EVIDENCE_MAX))}`);
  if (f.evidence.length > EVIDENCE_SHOWN) evidence.push(`• … ${f.evidence.length - EVIDENCE_SHOWN} more`);
  const impact = f.impact ? [impactLine(f.impact)] : [];
  const fix = f.severity === 'info' ? undefined : fixSummary(f.remediation, platform);
  return section(clip([findingTitle(f), ...impact, ...evidence, ...(fix ? [fix] : [])].join('\n'), FINDING_MAX));
}

/** "_Who fails:_ …": our own sentence, whose `NDR codes` become code spans. */
export function impactLine(impact: string): string {
  const text = clip(impact, IMPACT_MAX)
    .split('`')
    .map((part, i) => (i % 2 === 1 ? verbatim(part) : prose(part)))
    .join('');
  return `_Who fails:_ ${text}`;
}
