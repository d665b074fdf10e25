import type { Command } from 'commander';
import { analyzeSpec, type AnalyzeOptions } from './analyze-spec';
import { parseWith } from './parse-with';
import { UsageError } from './usage-error';

export interface AnalyzeArgs {
  /** A path, or `-` for standard input. */
  file: string;
  reportFile?: string;
  json: boolean;
}

/** `starttls analyze …` arguments (after the command name); throws UsageError. */
export function parseAnalyzeArgs(argv: string[]): AnalyzeArgs {
  const { command, positionals } = parseWith(analyzeSpec(), argv);
  return toAnalyzeArgs(positionals, command);
}

export function toAnalyzeArgs(positionals: string[], command: Command): AnalyzeArgs {
  const o = command.opts<AnalyzeOptions>();
  if (positionals.length === 0) throw new UsageError('no file given (use - to read standard input)');
  if (positionals.length > 1) throw new UsageError('one file at a time (concatenate several pastes into one file)');
  if (o.report === '') throw new UsageError('--report needs a file name');
  if (o.report === '-') throw new UsageError('--report reads a file, not standard input');
  return { file: positionals[0], reportFile: o.report, json: o.json ?? false };
}
