import type { CommanderError } from 'commander';

/** Output formats: at most one per run. */
const OUTPUT_FLAGS = ['--json', '--blocks', '--nagios', '--transcript'];

/** Commander's error, in our words: one line naming the option and what to do instead. */
export function usageMessage(err: CommanderError, command: string): string {
  const quoted = [...err.message.matchAll(/'([^']*)'/g)].map((m) => m[1]);
  const suggestion = /Did you mean (?:one of )?([^?]+)\?/.exec(err.message)?.[1];
  const didYouMean = suggestion ? ` (did you mean ${suggestion}?)` : '';
  const help = `see starttls ${command === 'starttls' ? '' : `${command} `}--help`;
  switch (err.code) {
    case 'commander.unknownOption':
      if (/^-[0-9]/.test(quoted[0] ?? '')) return `not a port number (1-65535): ${JSON.stringify(quoted[0])}`;
      return `unknown option ${quoted[0]}${didYouMean}: ${help}`;
    case 'commander.unknownCommand':
      return `unknown command ${JSON.stringify(quoted[0])}${didYouMean}: the commands are probe and analyze (starttls --help)`;
    case 'commander.optionMissingArgument':
      return `${longFlag(quoted[0])} needs a value: ${quoted[0]}`;
    case 'commander.invalidArgument':
      return err.message.split(' is invalid. ')[1] ?? firstLine(err.message);
    case 'commander.conflictingOption':
      return conflictMessage(longFlag(quoted[0]), longFlag(quoted[1]));
    case 'commander.excessArguments':
      return `too many arguments: ${help}`;
    case 'commander.missingArgument':
      return `missing ${quoted[0]}: ${help}`;
    default:
      return firstLine(err.message);
  }
}

function conflictMessage(a: string, b: string): string {
  const pair = [a, b];
  const has = (flag: string) => pair.includes(flag);
  const why = has('--file')
    ? '--file prints one line per target (one JSON report per line with --json); probe a single host for the rest'
    : has('--mx') && has('--nagios')
      ? '--nagios reports one host; run it for each MX host'
      : has('--transcript') && has('--json')
        ? "the JSON report already holds each port's transcript"
        : OUTPUT_FLAGS.includes(a) && OUTPUT_FLAGS.includes(b)
          ? 'choose one output format'
          : 'drop one of them';
  return `${a} cannot be used with ${b}: ${why}`;
}

/** `-v, --transcript` or `--timeout <ms>` → the long flag alone. */
function longFlag(flags: string | undefined): string {
  return /--[a-z][a-z-]*/.exec(flags ?? '')?.[0] ?? flags ?? '';
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/^error: /, '');
}
