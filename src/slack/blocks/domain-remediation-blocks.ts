import type { DomainReport } from '../../domain-check';
import { domainFindingTitle } from './domain-report-blocks';
import { inlineCode, mrkdwn, userMention } from './escape';
import { fixBlocks } from './fix-blocks';
import { section, type Block } from './limits';
import type { SlackMessage } from './message';
import { paginate } from './paginate';

const MAX_MESSAGES = 5;

/** The fix for each domain finding (DNS records, policy files, missing intermediates), for the report's thread. */
export function domainRemediationMessages(report: DomainReport, requestedBy: string): SlackMessage[] {
  const fixable = report.findings.filter((f) => f.remediation.length > 0);
  const intro = `🛠 *Remediation for the mail domain ${inlineCode(report.domain)}* — requested by ${userMention(requestedBy)}`;
  if (fixable.length === 0) {
    return [{ text: `No remediation needed for ${mrkdwn(report.domain)}`, blocks: [section(`${intro}\nNothing to fix at the domain level. Each MX host's own problems: \`/starttls <host> <port>\` and its *Show remediation*.`)] }];
  }
  const blocks: Block[] = [section(intro)];
  for (const finding of fixable) {
    blocks.push(section(domainFindingTitle(finding)));
    for (const r of finding.remediation) blocks.push(...fixBlocks(r));
  }
  return paginate(blocks, `Remediation for ${mrkdwn(report.domain)}`, MAX_MESSAGES);
}
