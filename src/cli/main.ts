import { analyzeCommand } from './analyze-command';
import { ANALYZE_USAGE } from './analyze-args';
import { EXIT } from './exit-status';
import { probeCommand, type Output } from './probe-command';
import { PROBE_USAGE } from './probe-args';
import { UsageError } from './usage-error';

const USAGE = `${PROBE_USAGE}
${ANALYZE_USAGE}

Probes each SMTP port (greeting, EHLO, STARTTLS, TLS handshake, EHLO again), checks the
served certificate and prints findings with remediation. Ports default to 25 587; 465 speaks
implicit TLS. analyze reads Exchange cmdlet output (Get-ReceiveConnector | fl and the like)
and explains what keeps STARTTLS from working; --report joins a probe's --json report.
Exit status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (bad usage, internal error, nothing recognised).`;

const stdio: Output = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  errIsTTY: process.stderr.isTTY === true,
};

export async function run(argv: string[], io: Output = stdio): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      io.out(`${USAGE}\n`);
      return command === undefined ? EXIT.unknown : EXIT.ok;
    }
    if (command === 'probe') return await probeCommand(rest, io);
    if (command === 'analyze') return await analyzeCommand(rest, io);
    throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`starttls: ${err.message}\n${PROBE_USAGE}\n`);
    } else {
      io.err(`starttls: internal error: ${(err as Error).message}\n`);
    }
    return EXIT.unknown;
  }
}

export function main(argv: string[]): void {
  void run(argv).then((code) => {
    process.exitCode = code;
  });
}
