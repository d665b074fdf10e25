import { ANALYZE_USAGE } from './analyze-args';
import { EXIT } from './exit-status';
import type { Output } from './output';
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
    // Each command's code is loaded only when it runs: start-up time is part of every probe.
    if (command === 'probe') return await (await import('./probe-command')).probeCommand(rest, io);
    if (command === 'analyze') return await (await import('./analyze-command')).analyzeCommand(rest, io);
    throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`starttls: ${err.message}\n${command === 'analyze' ? ANALYZE_USAGE : PROBE_USAGE}\n`);
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
