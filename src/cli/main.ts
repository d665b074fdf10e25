import { isUserVisible } from '../starttls-error';
import { colourWanted } from '../plain-text/colour';
import { EXIT } from './exit-status';
import type { Output } from './output';
import { configure, InfoShown, translate } from './parse-with';
import { UsageError } from './usage-error';

const stdio: Output = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  errIsTTY: process.stderr.isTTY === true,
  colour: colourWanted(process.stdout.isTTY, process.env),
  columns: process.stdout.columns,
};

const COMMANDS = ['probe', 'analyze'];

export async function run(argv: string[], io: Output = stdio): Promise<number> {
  const [command, ...rest] = argv;
  try {
    // Each command's code is loaded only when it runs: start-up time is part of every probe.
    if (command === 'probe') return await (await import('./probe-command')).probeCommand(rest, io);
    if (command === 'analyze') return await (await import('./analyze-command')).analyzeCommand(rest, io);
    return await topLevel(argv, io);
  } catch (err) {
    if (err instanceof InfoShown) return err.exitCode;
    if (isUserVisible(err)) {
      // A monitoring system reads stdout (and Icinga 2 stderr too): the plugin line alone.
      if (argv.includes('--nagios')) io.out(`STARTTLS UNKNOWN - ${err.userMessage.replace(/\|/g, '/')}\n`);
      else io.err(`starttls: ${err.userMessage}\n`);
    } else {
      io.err(`starttls: internal error: ${(err as Error).message}\n`);
    }
    return EXIT.unknown;
  }
}

/** `starttls`, `--help`, `--version`, `help probe`, or an unknown command. */
async function topLevel(argv: string[], io: Output): Promise<number> {
  // commander answers `help <anything>` with the general help; name the mistake instead.
  if (argv[0] === 'help' && argv[1] !== undefined && !COMMANDS.includes(argv[1])) {
    throw new UsageError(`no help for ${JSON.stringify(argv[1])}: the commands are probe and analyze (starttls --help)`);
  }
  // Only help, version and mistakes come here: a probe never loads the other command's spec.
  const { topProgram } = await import('./program');
  const program = configure(topProgram(), io, io.columns);
  try {
    program.parse(argv, { from: 'user' });
  } catch (err) {
    throw translate(err, 'starttls');
  }
  return EXIT.unknown;
}

export function main(argv: string[]): void {
  // `starttls probe … | head`: a reader that went away is not an error worth a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(process.exitCode ?? 0);
  });
  void run(argv).then((code) => {
    process.exitCode = code;
  });
}
