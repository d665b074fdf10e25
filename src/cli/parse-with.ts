import { Command, CommanderError } from 'commander';
import { StarttlsError } from '../starttls-error';
import { usageMessage } from './commander-errors';
import type { Output } from './output';
import { UsageError } from './usage-error';

/** Help or the version was printed: nothing more to do; exit 0, or 3 when help stood in for a missing command. */
export class InfoShown extends StarttlsError {
  static override readonly codes = ['CLI_INFO_SHOWN'] as const;
  readonly code = 'CLI_INFO_SHOWN';
  readonly userVisible = false;
  constructor(readonly exitCode: number) {
    super('shown');
  }
}

const silent: Output = { out: () => undefined, err: () => undefined };

/**
 * Commander set up for us: it writes help to `io`, never exits the process, and never prints its own
 * error line (we turn it into a UsageError in our words). Applied to each command, as
 * settings are not inherited by commands added with addCommand().
 */
export function configure(command: Command, io: Output, width = 80): Command {
  command
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: () => undefined, getOutHelpWidth: () => width, getErrHelpWidth: () => width });
  for (const sub of command.commands) configure(sub, io, width);
  return command;
}

/** Runs commander synchronously on a standalone command; throws UsageError or InfoShown. */
export function parseWith(command: Command, argv: string[], io: Output = silent): { command: Command; positionals: string[] } {
  // The parent only names the program in the usage line: "Usage: starttls probe …".
  if (!command.parent) new Command('starttls').addCommand(command);
  configure(command, io, io.columns);
  try {
    command.parse(argv, { from: 'user' });
  } catch (err) {
    throw translate(err, command.name());
  }
  return { command, positionals: command.args };
}

export function translate(err: unknown, commandName: string): unknown {
  if (!(err instanceof CommanderError)) return err;
  if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return new InfoShown(0);
  // `help probe` exits 0; help printed because no command was given is bad usage.
  if (err.code === 'commander.help') return new InfoShown(err.exitCode === 0 ? 0 : 3);
  return new UsageError(usageMessage(err, commandName));
}
