import type { DomainReport } from '../../domain-policy';
import { domainFindingTitle } from './domain-report-blocks';
import { codeBlockContent, inlineCode, mrkdwn, prose, userMention } from './escape';
import { PLATFORM_LABEL } from './labels';
import { clip, codeSections, section, type Block } from './limits';
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
    for (const r of finding.remediation) {
      const steps = r.steps.map((s, i) => `${i + 1}. ${prose(clip(s, 600))}`);
      blocks.push(section([`_${PLATFORM_LABEL[r.platform]}_`, ...steps].join('\n')));
      if (r.commands.length > 0) blocks.push(...codeSections(codeBlockContent(r.commands.join('\n'))));
    }
  }
  return paginate(blocks, `Remediation for ${mrkdwn(report.domain)}`, MAX_MESSAGES);
}
