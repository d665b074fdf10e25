import { checkRequest, type CheckRequest } from '../check/check-request';
import type { Checker } from '../check/checker';
import type { Report } from '../report/types';
import { CheckPool } from '../execution/check-pool';
import type { CheckPoolOptions } from '../execution/pool-options';
import { exitStatus } from './exit-status';
import type { Output } from './output';
import { toProbeArgs, type ProbeArgs } from './probe-args';
import { parseWith } from './parse-with';
import { probeSpec } from './probe-spec';
import { style } from '../plain-text/colour';
import { nagiosLine } from './nagios-line';
import { renderText } from '../plain-text/report-text';
import { transcriptText } from './transcript-text';

/** MX hosts checked at once by --mx. */
const MX_CONCURRENCY = 10;

/**
 * `starttls probe`: returns the exit status. Every check goes through the pool; one host runs
 * inline (no thread to start), bulk and --mx in worker threads. Bulk, MX and Block Kit code is
 * loaded only when asked for, so a single probe starts connecting as early as possible.
 */
export async function probeCommand(argv: string[], io: Output): Promise<number> {
  const { command, positionals } = parseWith(probeSpec(), argv, io);
  const args = toProbeArgs(positionals, command);
  const base = toRequest(args);
  const pool = new CheckPool(poolOptions(args));
  try {
    if (args.file !== undefined) return await (await import('./bulk-probe')).bulkProbe({ ...args, file: args.file }, base, io, pool.check);
    if (args.mx) return await (await import('./mx-command')).mxCommand(args, base, io, pool.check);
    return await probeOne(args, base, io, pool.check);
  } finally {
    await pool.close({ cancel: true });
  }
}

function poolOptions(args: ProbeArgs): CheckPoolOptions {
  if (args.file !== undefined) return { concurrency: args.concurrency };
  if (args.mx) return { concurrency: MX_CONCURRENCY };
  return { concurrency: 1, inline: true };
}

async function probeOne(args: ProbeArgs, base: CheckRequest, io: Output, check: Checker): Promise<number> {
  // A monitoring system may show stderr beside the plugin line (Icinga 2 does): nothing there.
  if (!args.nagios) io.err(`probing ${args.host} port ${args.ports.join(', ')}…\n`);
  const report = await check(base);
  io.out(await format(report, args, io));
  return exitStatus([report.verdict]);
}

async function format(report: Report, args: ProbeArgs, io: Output): Promise<string> {
  if (args.blocks) return (await import('../slack/blocks/slack-payload')).slackPayload(report);
  if (args.json) return `${JSON.stringify(report, null, 2)}\n`;
  if (args.nagios) return nagiosLine(report, args.expiryWarningDays);
  const s = style(io.colour);
  return `${args.transcript ? transcriptText(report, s) : ''}${renderText(report, s)}`;
}

function toRequest(args: ProbeArgs): CheckRequest {
  return checkRequest(args.host, args.ports, {
    ...(args.servername ? { servername: args.servername } : {}),
    expectNames: args.expectNames,
    timeoutMs: args.timeoutMs,
    caPems: args.caPems,
    implicitTls: args.implicitTls,
    forceStartTls: args.forceStartTls,
    protocols: args.protocols,
    expiryWarningDays: args.expiryWarningDays,
    ...(args.ehloName ? { ehloName: args.ehloName } : {}),
  });
}
