import { describeChange, type ReportChange } from '../../report/diff-reports';
import type { Report } from '../../report/types';
import { userMention, verbatim } from './escape';
import { clip, section } from './limits';
import type { SlackMessage } from './message';
import { reportMessage } from './report-blocks';

const CHANGES_SHOWN = 15;

/**
 * The thread reply after a re-run: what changed since the previous run, then the
 * new report (without buttons: those stay on the parent message, which is updated too).
 */
export function rerunMessage(report: Report, changes: ReportChange[] | undefined, requestedBy: string): SlackMessage {
  const preface = [section(clip(changeText(changes, requestedBy), 2900))];
  const full = reportMessage(report, { requestedBy, trigger: 'rerun', actions: false, preface });
  return { text: `Re-run: ${full.text}`, blocks: full.blocks };
}

function changeText(changes: ReportChange[] | undefined, requestedBy: string): string {
  const who = `🔁 Re-run by ${userMention(requestedBy)}`;
  if (changes === undefined) return `${who}. The previous result is no longer available, so there is nothing to compare.`;
  if (changes.length === 0) return `${who}: *nothing changed* since the previous run.`;
  const lines = changes.slice(0, CHANGES_SHOWN).map((c) => `• ${verbatim(clip(describeChange(c), 200))}`);
  if (changes.length > CHANGES_SHOWN) lines.push(`• … and ${changes.length - CHANGES_SHOWN} more changes`);
  return `${who}. *What changed since the previous run:*\n${lines.join('\n')}`;
}
