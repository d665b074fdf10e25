import type { HostSummary, MxHostOutcome } from '../../domain-check';
import { inlineCode, mrkdwn, prose, verbatim } from './escape';
import { SEVERITY_LABEL, VERDICT_LABEL } from './labels';
import { clip } from './limits';
import { portOutcome } from './progress-blocks';

/** One MX host in a line: preference, name, and how its check went (or why it was not checked). */
export function hostOutcomeLine(outcome: MxHostOutcome): string {
  const head = `*${outcome.priority}* ${inlineCode(outcome.host)}`;
  if (outcome.error) return `${head} · ⛔ not checked: ${verbatim(clip(outcome.error.message, 300))}`;
  const port = outcome.report?.ports[0];
  if (!outcome.report || !port) return `${head} · ❔ no result`;
  return `${head} · ${VERDICT_LABEL[outcome.report.verdict]} · ${portOutcome(port)}`;
}

/** The host line of the consolidated report: the verdict, STARTTLS and the worst finding. */
export function hostSummaryLine(summary: HostSummary, outcome: MxHostOutcome | undefined): string {
  const head = `*${summary.priority}* ${inlineCode(summary.host)}`;
  if (outcome?.error) return `${head} · ⛔ not checked: ${verbatim(clip(outcome.error.message, 300))}`;
  const starttls = summary.starttls === 'ok' ? `🔒 STARTTLS ${mrkdwn(summary.protocol ?? '')}`.trimEnd() : `❌ STARTTLS ${summary.starttls}`;
  const worst = summary.worstFinding
    ? `worst: ${SEVERITY_LABEL[summary.worstFinding.severity]} ${inlineCode(summary.worstFinding.id)} ${prose(clip(summary.worstFinding.title, 200))}`
    : 'no findings';
  return `${head} · ${VERDICT_LABEL[summary.verdict]} · ${starttls} · ${worst}`;
}
