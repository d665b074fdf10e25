import { findingText } from './finding-text';
import { safe } from './escape';
import { commandLines } from '../fix-commands/command';
import { readOnlyCommand } from '../exchange-config/commands';
import type { ExchangeAnalysis, ExchangeFinding } from '../exchange-config/types';

/** The analysis for a terminal: summary, findings with evidence and fixes, parse notes, what else to paste. */
export function renderAnalysisText(analysis: ExchangeAnalysis): string {
  const sections = [`${analysis.verdict.toUpperCase()}  ${safe(analysis.summary)}`];
  if (analysis.findings.length > 0) sections.push(analysis.findings.map(exchangeFindingText).join('\n\n'));
  if (analysis.config.notes.length > 0) sections.push(['Notes on the paste:', ...analysis.config.notes.map((n) => `  - ${safe(n)}`)].join('\n'));
  if (analysis.nextSteps.length > 0) {
    sections.push(
      [
        'To check more, run these read-only commands and add their output:',
        ...analysis.nextSteps.map((c) => `  ${commandLines([readOnlyCommand(c)])[0]}\n      (${c.shell}: ${c.purpose})`),
      ].join('\n'),
    );
  }
  return `${sections.join('\n\n')}\n`;
}

function exchangeFindingText(f: ExchangeFinding): string {
  const ports = f.ports.length > 0 ? `  [port${f.ports.length === 1 ? '' : 's'} ${f.ports.join(', ')}]` : '';
  return findingText(`${f.severity.toUpperCase()}  ${f.id}${ports}  ${safe(f.title)}`, f);
}
