import type { Finding } from '../../diagnosis/types';
import type { Report } from '../../report/types';
import { inlineCode, mrkdwn, userMention } from './escape';
import { pasteRequestBlocks } from './exchange-analysis-blocks';
import { findingTitle, sortFindings } from './finding-blocks';
import { fittingFixes, fixBlocks } from './fix-blocks';
import { section, type Block } from './limits';
import type { SlackMessage } from './message';
import { paginate } from './paginate';

const MAX_MESSAGES = 5;

export interface RemediationOptions {
  /** End with the read-only cmdlets to paste in this thread when Exchange steps are shown (a report thread the bot reads). */
  askForExchangePaste?: boolean;
}

/**
 * The fix for each finding, for the platform the server looks like, commands with observed values
 * filled in. With the platform unknown: the generic fix first, then each mail server's, labelled as a guess.
 */
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
  return [section(findingTitle(finding)), ...fittingFixes(finding.remediation, platform).flatMap(fixBlocks)];
}

function showsExchange(findings: Finding[], platform: Report['platform']): boolean {
  return findings.some((f) => fittingFixes(f.remediation, platform).some((r) => r.platform === 'exchange-onprem'));
}
