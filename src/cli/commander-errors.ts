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

/** Why two options cannot go together, first match wins; `has` tells whether a flag is in the pair. */
const CONFLICT_HINTS: [(has: (flag: string) => boolean) => boolean, string][] = [
  [(has) => has('--file'), '--file prints one line per target (one JSON report per line with --json); probe a single host for the rest'],
  [(has) => has('--mx') && has('--nagios'), '--nagios reports one host; run it for each MX host'],
  [(has) => has('--mx') && has('--servername'), 'each MX host is checked under its own name; probe one host with --servername'],
  [(has) => has('--transcript') && has('--json'), "the JSON report already holds each port's transcript"],
  [(has) => OUTPUT_FLAGS.filter(has).length === 2, 'choose one output format'],
];

function conflictMessage(a: string, b: string): string {
  const has = (flag: string) => flag === a || flag === b;
  const why = CONFLICT_HINTS.find(([applies]) => applies(has))?.[1] ?? 'drop one of them';
  return `${a} cannot be used with ${b}: ${why}`;
}

/** `-v, --transcript` or `--timeout <ms>` → the long flag alone. */
function longFlag(flags: string | undefined): string {
  return /--[a-z][a-z-]*/.exec(flags ?? '')?.[0] ?? flags ?? '';
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/^error: /, '');
}
