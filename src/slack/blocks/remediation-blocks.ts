import type { Finding, Remediation } from '../../diagnosis/types';
import type { Report } from '../../report/types';
import { codeBlockContent, inlineCode, mrkdwn, prose, userMention } from './escape';
import { pasteRequestBlocks } from './exchange-analysis-blocks';
import { findingTitle, sortFindings } from './finding-blocks';
import { PLATFORM_LABEL } from './labels';
import { clip, codeSections, section, type Block } from './limits';
import type { SlackMessage } from './message';
import { paginate } from './paginate';

const MAX_MESSAGES = 5;

export interface RemediationOptions {
  /** End with the read-only cmdlets to paste in this thread when Exchange steps are shown (a report thread the bot reads). */
  askForExchangePaste?: boolean;
}

/** The fix for each finding, for the platform the server looks like, commands with observed values filled in. */
export function remediationMessages(report: Report, requestedBy: string, options: RemediationOptions = {}): SlackMessage[] {
  const fixable = sortFindings(report.findings).filter((f) => f.remediation.length > 0);
  const intro = `🛠 *Remediation for ${inlineCode(report.host)}* — requested by ${userMention(requestedBy)}`;
  if (fixable.length === 0) {
    return [{ text: `No remediation needed for ${mrkdwn(report.host)}`, blocks: [section(`${intro}\nNothing to fix: the last check found no problems with a known remedy.`)] }];
  }
  const blocks: Block[] = [section(intro)];
  for (const finding of fixable) blocks.push(...findingFix(finding, report.platform));
  if (options.askForExchangePaste && showsExchange(fixable, report.platform)) blocks.push(...pasteRequestBlocks());
  return paginate(blocks, `Remediation for ${mrkdwn(report.host)}`, MAX_MESSAGES);
}

function findingFix(finding: Finding, platform: Report['platform']): Block[] {
  const blocks: Block[] = [section(findingTitle(finding))];
  for (const r of relevant(finding.remediation, platform)) {
    const steps = r.steps.map((s, i) => `${i + 1}. ${prose(clip(s, 600))}`);
    blocks.push(section([`_${PLATFORM_LABEL[r.platform]}_`, ...steps].join('\n')));
    if (r.commands.length > 0) blocks.push(...codeSections(codeBlockContent(r.commands.join('\n'))));
  }
  return blocks;
}

/** The detected platform's steps plus the generic ones; every platform's when the platform is unknown. */
function relevant(remediation: Remediation[], platform: Report['platform']): Remediation[] {
  if (platform === 'unknown') return remediation;
  const matching = remediation.filter((r) => r.platform === platform || r.platform === 'any');
  return matching.length > 0 ? matching : remediation;
}

function showsExchange(findings: Finding[], platform: Report['platform']): boolean {
  return findings.some((f) => relevant(f.remediation, platform).some((r) => r.platform === 'exchange-onprem'));
}
