import type { Report } from '../../report/types';
import { findingLevel } from '../../diagnosis/finding-level';
import { capabilityBlocks } from './capability-blocks';
import { certificateBlocks } from './certificate-blocks';
import { inlineCode, mrkdwn, plainText, userMention } from './escape';
import { findingBlock, sortFindings } from './finding-blocks';
import { duration, PLATFORM_LABEL, plural, slackDate, VERDICT_LABEL } from './labels';
import { blockTextLength, clip, context, fitBlocks, header, LIMITS, section, type Block, type Ranked } from './limits';
import type { SlackMessage } from './message';
import { portBlocks } from './port-blocks';
import { reportActions } from './report-actions';

export interface ReportView {
  /** Slack user id of whoever asked; absent for the CLI. */
  requestedBy?: string;
  /** What started this run, for the context line. */
  trigger: 'command' | 'rerun' | 'cli';
  /** Show the Re-run / Show remediation / Details buttons. */
  actions: boolean;
  /** Blocks shown right under the header (e.g. what changed since the previous run). */
  preface?: Block[];
}

const PRIORITY = { summary: 0, critical: 1, matrix: 2, ports: 3, warning: 4, certificate: 5, info: 6 } as const;

/** The report as one chat.postMessage payload that always fits Block Kit's limits. */
export function reportMessage(report: Report, view: ReportView): SlackMessage {
  const head: Block[] = [header(plainText(`${VERDICT_LABEL[report.verdict]} · ${report.host}`)), ...(view.preface ?? [])];
  const tail: Block[] = [...(view.actions ? [reportActions(report)] : []), contextLine(report, view)];
  const body: Ranked[] = [
    { block: section(summaryText(report)), priority: PRIORITY.summary },
    ...capabilityBlocks(report.ports).map((block) => ({ block, priority: PRIORITY.matrix })),
    ...portBlocks(report.ports).map((block) => ({ block, priority: PRIORITY.ports })),
    ...certificateBlocks(report.ports).map((block) => ({ block, priority: PRIORITY.certificate })),
    ...findingItems(report),
  ];
  const noteRoom = 250;
  const room = LIMITS.messageTextBudget - noteRoom - blockTextLength([...head, ...tail]);
  const fitted = fitBlocks(body, LIMITS.blocksPerMessage - head.length - tail.length - 1, room);
  const note = fitted.omitted > 0 ? [context([`✂️ ${plural(fitted.omitted, 'part')} of this report left out to fit Slack's limits: press *Details* or *Show remediation*, or run \`starttls probe --json\`.`])] : [];
  return { text: fallbackText(report), blocks: [...head, ...fitted.blocks, ...note, ...tail] };
}

export function fallbackText(report: Report): string {
  return clip(`${report.verdict.toUpperCase()} ${mrkdwn(report.host)}: ${plural(report.findings.length, 'finding')}`, LIMITS.fallbackText);
}

function summaryText(r: Report): string {
  const counts = (['critical', 'unknown', 'warning', 'info'] as const)
    .map((s) => [s, r.findings.filter((f) => findingLevel(f) === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  const findings = r.findings.length === 0 ? '✅ No problems found' : `*${plural(r.findings.length, 'finding')}*: ${counts.join(', ')}`;
  const platform = r.platform === 'unknown' ? '' : ` · looks like ${PLATFORM_LABEL[r.platform]}`;
  return `${findings} · ${inlineCode(r.host)} port${r.ports.length > 1 ? 's' : ''} ${r.ports.map((p) => p.port).join(', ')}${platform}`;
}

function findingItems(r: Report): Ranked[] {
  const sorted = sortFindings(r.findings);
  if (sorted.length === 0) return [];
  return [
    { block: section('*Findings*'), priority: PRIORITY.summary },
    ...sorted.map((f) => ({ block: findingBlock(f, r.platform), priority: PRIORITY[f.severity] })),
  ];
}

function contextLine(r: Report, view: ReportView): Block {
  const who =
    view.trigger === 'cli' ? 'From the starttls CLI' : `${view.trigger === 'rerun' ? 'Re-run' : 'Requested'} by ${view.requestedBy ? userMention(view.requestedBy) : 'someone'}`;
  return context([`${who} · ${slackDate(r.startedAt)} · took ${duration(r.durationMs)}`]);
}
