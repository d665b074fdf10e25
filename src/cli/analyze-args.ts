import { parseArgs } from 'node:util';
import { UsageError } from './usage-error';

export interface AnalyzeArgs {
  /** A path, or `-` for standard input. */
  file: string;
  reportFile?: string;
  json: boolean;
}

export const ANALYZE_USAGE = 'usage: starttls analyze FILE|- [--report REPORT.json] [--json]';

const OPTIONS = {
  report: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export function parseAnalyzeArgs(argv: string[]): AnalyzeArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0]);
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new UsageError('no file given (use - to read standard input)');
  if (positionals.length > 1) throw new UsageError('one file at a time (concatenate several pastes into one file)');
  if (values.report === '') throw new UsageError('--report needs a file name');
  if (values.report === '-') throw new UsageError('--report reads a file, not standard input');
  return { file: positionals[0], reportFile: values.report, json: values.json ?? false };
}
