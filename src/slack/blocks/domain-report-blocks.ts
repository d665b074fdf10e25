import type { AspectComparison, DomainFinding, DomainReport } from '../../domain-check';
import { ACTION } from '../action-ids';
import { encodeButtonValue } from '../button-value';
import { hostSummaryLine } from './domain-host-line';
import { inlineCode, plainText, prose, userMention, verbatim } from './escape';
import { duration, plural, SEVERITY_LABEL, slackDate, VERDICT_LABEL } from './labels';
import { blockTextLength, clip, context, fitBlocks, header, LIMITS, section, type Block, type Ranked } from './limits';
import type { SlackMessage } from './message';
import { button } from './button';

export const DOMAIN_ACTIONS_BLOCK_ID = 'starttls_domain_actions';

const PRIORITY = { summary: 0, hosts: 1, critical: 2, agreement: 3, warning: 4, policies: 5, info: 6, notes: 7 } as const;
const EVIDENCE_SHOWN = 3;
const GROUP_VALUE_MAX = 300;

export interface DomainReportView {
  requestedBy: string;
  /** The port every MX host was probed on. */
  port: number;
  /** The "Show remediation" button. */
  actions: boolean;
}

/** `/starttls mx`: MX hosts by preference, where they agree or differ, the policies and the domain findings, within Block Kit's limits. */
export function domainReportMessage(report: DomainReport, view: DomainReportView): SlackMessage {
  const { port } = view;
  const head = [header(plainText(`${VERDICT_LABEL[report.verdict]} · ${report.domain} (MX)`))];
  const tail = [...(view.actions ? [remediationButton(report, port)] : []), contextLine(report, view)];
  const body: Ranked[] = [
    { block: section(summaryText(report, port)), priority: PRIORITY.summary },
    { block: section(clip(hostsText(report), LIMITS.sectionText)), priority: PRIORITY.hosts },
    ...agreementBlocks(report).map((block) => ({ block, priority: PRIORITY.agreement })),
    { block: section(clip(policyText(report), LIMITS.sectionText)), priority: PRIORITY.policies },
    ...findingItems(report.findings),
    ...(report.notes.length > 0 ? [{ block: context(report.notes.map((n) => prose(clip(n, 400)))), priority: PRIORITY.notes }] : []),
  ];
  const room = LIMITS.messageTextBudget - 250 - blockTextLength([...head, ...tail]);
  const fitted = fitBlocks(body, LIMITS.blocksPerMessage - head.length - tail.length - 1, room);
  const note = fitted.omitted > 0 ? [context([`✂️ ${plural(fitted.omitted, 'part')} of this report left out to fit Slack's limits: press *Show remediation*, or run \`starttls probe <domain> --mx --json\`.`])] : [];
  return {
    text: clip(`${report.verdict.toUpperCase()} ${prose(report.domain)} (MX): ${plural(report.findings.length, 'domain finding')}`, LIMITS.fallbackText),
    blocks: [...head, ...fitted.blocks, ...note, ...tail],
  };
}

function summaryText(r: DomainReport, port: number): string {
  const counts = (['critical', 'warning', 'info'] as const)
    .map((s) => [s, r.findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  const findings = r.findings.length === 0 ? '✅ No domain-level problems found' : `*${plural(r.findings.length, 'domain finding')}*: ${counts.join(', ')}`;
  const source = r.mx.source === 'implicit' ? 'no MX records: the domain itself' : plural(r.mx.hosts.length, 'MX host');
  return `${findings} · ${inlineCode(r.domain)} · ${source} · port ${port}`;
}

function hostsText(r: DomainReport): string {
  const lines = r.comparison.hosts.map((h) => hostSummaryLine(h, r.hosts.find((o) => o.host === h.host)));
  return `*MX hosts by preference*\n${lines.join('\n')}`;
}

function agreementBlocks(r: DomainReport): Block[] {
  if (r.comparison.hosts.length < 2) return [];
  const marks = r.comparison.aspects.map((a) => `${a.aspect} ${a.agree ? '✓ agree' : '≠ differ'}`).join(' · ');
  const differ = r.comparison.aspects.filter((a) => !a.agree).map(aspectLines);
  return [section(clip([`*Across the hosts*: ${marks}`, ...differ].join('\n'), LIMITS.sectionText))];
}

function aspectLines(a: AspectComparison): string {
  return a.groups.map((g) => `• ${a.aspect}: ${prose(clip(g.hosts.join(', '), 300))} → ${verbatim(clip(g.value, GROUP_VALUE_MAX))}`).join('\n');
}

function policyText(r: DomainReport): string {
  const s = r.mtaSts;
  const mtaSts = s.policy
    ? `mode ${verbatim(s.policy.mode)}, max_age ${s.policy.maxAge}, mx ${verbatim(clip(s.policy.mx.join(', ') || '(none)', 300))}`
    : s.problem
      ? `${s.problem.code}: ${verbatim(clip(s.problem.message, 300))}`
      : 'none';
  const t = r.tlsRpt;
  const tlsRpt = t.record ? `reports to ${verbatim(clip(t.record.rua.join(', '), 300))}` : t.problem ? `${t.problem.code}: ${verbatim(clip(t.problem.message, 300))}` : 'none';
  const published = r.dane.filter((d) => d.records.length > 0);
  const dane =
    published.length === 0
      ? 'no TLSA records'
      : published.map((d) => `${inlineCode(d.recordName)} ${d.authenticatedChain ? 'matches the served chain' : '*does not match* the served chain'}${d.authenticated ? ' (DNSSEC-validated)' : ''}`).join('; ');
  const chains = r.chainRepairs.map((c) => `${inlineCode(c.host)} is missing ${plural(c.intermediates.length, 'intermediate')}${c.problem ? ` (${verbatim(clip(c.problem.message, 200))})` : ''}`);
  return [`*MTA-STS*: ${mtaSts}`, `*TLS-RPT*: ${tlsRpt}`, `*DANE*: ${dane}`, ...(chains.length > 0 ? [`*Certificate chains*: ${chains.join('; ')}`] : [])].join('\n');
}

export function domainFindingTitle(f: DomainFinding): string {
  const hosts = f.hosts.length > 0 ? ` (${prose(clip(f.hosts.join(', '), 200))})` : '';
  return `${SEVERITY_LABEL[f.severity]} · *${prose(clip(f.title, 200))}* ${inlineCode(f.id)}${hosts}`;
}

function findingItems(findings: DomainFinding[]): Ranked[] {
  if (findings.length === 0) return [];
  return [
    { block: section('*Domain findings*'), priority: PRIORITY.summary },
    ...findings.map((f) => {
      const evidence = f.evidence.slice(0, EVIDENCE_SHOWN).map((e) => `• ${verbatim(clip(e, 240))}`);
      if (f.evidence.length > EVIDENCE_SHOWN) evidence.push(`• … ${f.evidence.length - EVIDENCE_SHOWN} more`);
      return { block: section(clip([domainFindingTitle(f), ...evidence].join('\n'), 900)), priority: PRIORITY[f.severity] };
    }),
  ];
}

function remediationButton(r: DomainReport, port: number): Block {
  return {
    type: 'actions',
    block_id: DOMAIN_ACTIONS_BLOCK_ID,
    elements: [button('🛠 Show remediation', ACTION.domainRemediation, encodeButtonValue({ host: r.domain, ports: [port] }))],
  };
}

function contextLine(r: DomainReport, view: DomainReportView): Block {
  return context([`Requested by ${userMention(view.requestedBy)} · ${slackDate(r.startedAt)} · took ${duration(r.durationMs)}`]);
}
