import { capabilityMatrix, type CapabilityRow } from '../../report/capability-matrix';
import type { PortReport } from '../../report/types';
import { codeBlockContent } from './escape';
import { codeSections, type Block } from './limits';

const CELL_MAX = 18;
const KEYWORD_MAX = 20;
/** Room for the matrix in one section, leaving space for the title. */
const MATRIX_BUDGET = 2600;

/**
 * The side-by-side comparison as a monospace table: one row per capability,
 * one column per port; "≠" marks rows where the ports disagree.
 */
export function capabilityBlocks(ports: PortReport[]): Block[] {
  const matrix = capabilityMatrix(ports);
  if (matrix.ports.length === 0) return [];
  const cells = matrix.rows.map((row) => ({ row, keyword: cell(row.keyword, KEYWORD_MAX), values: row.values.map(display) }));
  const keyWidth = Math.max(10, ...cells.map((c) => c.keyword.length));
  const widths = matrix.ports.map((port, i) => Math.max(`${port}`.length, ...cells.map((c) => c.values[i].length)));
  const line = (mark: string, key: string, values: string[]) =>
    `${mark} ${key.padEnd(keyWidth)}  ${values.map((v, i) => v.padEnd(widths[i])).join('  ')}`.trimEnd();
  const head = line(' ', 'port', matrix.ports.map(String));
  const lines = cells.map((c) => ({ row: c.row, text: line(c.row.differs ? '≠' : ' ', c.keyword, c.values) }));
  const { shown, hidden } = withinBudget(lines, MATRIX_BUDGET - head.length);
  const footer = hidden > 0 ? [`  … ${hidden} more rows not shown (all are in Details)`] : [];
  const table = [head, ...shown, ...footer].join('\n');
  const title = `*Capabilities by port* (EHLO before TLS; ≠ marks a difference, – not advertised, ✓ advertised)\n`;
  return codeSections(codeBlockContent(table), title);
}

function display(value: string | null): string {
  if (value === null) return '–';
  return value === '' ? '✓' : cell(value, CELL_MAX);
}

function cell(text: string, max: number): string {
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Rows that differ are kept first when everything does not fit; order stays the matrix's. */
function withinBudget(lines: { row: CapabilityRow; text: string }[], budget: number): { shown: string[]; hidden: number } {
  const total = lines.reduce((n, l) => n + l.text.length + 1, 0);
  if (total <= budget) return { shown: lines.map((l) => l.text), hidden: 0 };
  const keep = new Set<number>();
  let used = 60; // the footer line
  const order = [...lines.keys()].sort((a, b) => Number(lines[b].row.differs) - Number(lines[a].row.differs) || a - b);
  for (const i of order) {
    const size = lines[i].text.length + 1;
    if (used + size > budget) continue;
    keep.add(i);
    used += size;
  }
  return { shown: lines.filter((_, i) => keep.has(i)).map((l) => l.text), hidden: lines.length - keep.size };
}
