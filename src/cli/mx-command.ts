import type { CheckRequest } from '../check/check-request';
import type { Checker } from '../check/checker';
import { checkDomain } from '../domain-check/check-domain';
import { DnsClient } from '../net/dns/dns-client';
import type { DomainResolver } from '../net/dns/domain-resolver';
import { DnsLookupError } from '../net/dns/dns-lookup-error';
import { DomainCheckError } from '../domain-check/domain-check-error';
import { renderDomainText } from '../plain-text/domain-report-text';
import type { MxHostOutcome } from '../domain-check/types';
import { slackPayload } from '../slack/blocks/slack-payload';
import { style, type Style } from '../plain-text/colour';
import { exitStatus } from './exit-status';
import type { ProbeArgs } from './probe-args';
import type { Output } from './output';
import { renderText } from '../plain-text/report-text';
import { transcriptText } from './transcript-text';
import { UsageError } from './usage-error';
import { safe } from '../plain-text/escape';
import type { Verdict } from '../report/types';

/**
 * `starttls probe <domain> --mx`: every MX host's report as it finishes, then
 * the MX comparison and the MTA-STS, TLS-RPT, DANE and chain findings. With
 * --json, one DomainReport object (host reports inside). Returns the exit status.
 */
export async function mxCommand(args: ProbeArgs, base: CheckRequest, io: Output, check: Checker, resolver?: DomainResolver): Promise<number> {
  if (args.ports.length > 1) throw new UsageError('--mx checks one port on every MX host (25 unless given)');
  const dns = resolver ?? dnsClient(args.dnsServers);
  try {
    const report = await checkDomain(args.host, {
      checker: check,
      resolver: dns,
      request: base,
      onMx: (mx) =>
        io.err(`MX for ${args.host}: ${mx.hosts.map((m) => `${m.priority} ${m.exchange}`).join(', ')}${mx.source === 'implicit' ? ' (no MX records: the domain itself)' : ''}; probing port ${args.ports[0]}…\n`),
      onHostReport: (outcome) => {
        if (!args.json) io.out(hostText(outcome, args, style(io.colour)));
      },
    });
    io.out(args.json ? `${JSON.stringify(report, null, 2)}\n` : args.blocks ? '' : `\n${renderDomainText(report)}`);
    return exitStatus([report.verdict]);
  } catch (err) {
    if (err instanceof DomainCheckError || err instanceof DnsLookupError) return domainFailure(args, err, io);
    throw err;
  }
}

/**
 * A domain that cannot be checked is an outcome, not bad usage: one line with its verdict, in the
 * words a single probe uses. A domain that does not exist can receive no mail (CRITICAL, as a host
 * that does not resolve); a null MX, or a lookup that failed, leaves nothing assessed (UNKNOWN).
 */
function domainFailure(args: ProbeArgs, err: DomainCheckError | DnsLookupError, io: Output): number {
  const verdict: Verdict = err instanceof DomainCheckError && err.code === 'DOMAIN_NOT_FOUND' ? 'critical' : 'unknown';
  const why = verdict === 'critical' ? `${err.message}: no mail can be delivered to it` : err.message;
  if (args.json) io.out(`${JSON.stringify({ schemaVersion: 2, domain: args.host, verdict, error: { code: err.code, message: why } }, null, 2)}\n`);
  else io.out(`${safe(args.host)}  ${verdict.toUpperCase()}  (${safe(why)})\n`);
  return exitStatus([verdict]);
}

function hostText(outcome: MxHostOutcome, args: ProbeArgs, s: Style): string {
  if (!outcome.report) return `${outcome.host}  UNKNOWN  (not checked: ${outcome.error?.code}: ${outcome.error?.message})\n\n`;
  if (args.blocks) return slackPayload(outcome.report);
  return `${args.transcript ? transcriptText(outcome.report, s) : ''}${renderText(outcome.report, s)}\n`;
}

function dnsClient(servers: string[]): DnsClient {
  return new DnsClient(servers.length > 0 ? { servers } : {});
}
