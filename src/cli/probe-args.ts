import { isIP } from 'node:net';
import type { Command } from 'commander';
import { DnsLookupError } from '../net/dns/dns-lookup-error';
import { parseServerAddress } from '../net/dns/server-address';
import { parsePorts, parseTargetWords, TargetError } from '../check/parse-target';
import { parseServername } from '../check/servername';
import { readCaFiles } from './ca-files';
import { parseWith } from './parse-with';
import { probeSpec, type ProbeOptions } from './probe-spec';
import { UsageError } from './usage-error';

export interface ProbeArgs {
  host: string;
  ports: number[];
  json: boolean;
  /** Print the Slack message payload ({ text, blocks }) the bot would post, for Block Kit Builder. */
  blocks: boolean;
  /** One monitoring-plugin line with perfdata. */
  nagios: boolean;
  /** Print each port's SMTP conversation after the text report. */
  transcript: boolean;
  timeoutMs: number;
  /** The name senders use (SNI and the name the certificate must cover), when the target is an address or another name. */
  servername?: string;
  expectNames: string[];
  /** Extra trust anchors, PEM text (each file checked to hold a certificate). */
  caPems: string[];
  ehloName?: string;
  /** --tls, or the target written as smtps://. */
  implicitTls: boolean;
  forceStartTls: boolean;
  /** Try each TLS version on its own (--protocols). */
  protocols: boolean;
  mx: boolean;
  /** Name servers for --mx's DNS lookups (MX, MTA-STS, TLS-RPT, TLSA), `ADDR[:PORT]`; empty: the system's. */
  dnsServers: string[];
  expiryWarningDays: number;
  /** Bulk mode: targets file, one target per line; `ports` are the default for lines without. */
  file?: string;
  /** Checks at once (bulk mode). */
  concurrency: number;
}

/** `starttls probe …` arguments (after the command name) parsed and checked; throws UsageError. */
export function parseProbeArgs(argv: string[]): ProbeArgs {
  const { command, positionals } = parseWith(probeSpec(), argv);
  return toProbeArgs(positionals, command);
}

/** From commander's result to ProbeArgs, refusing what commander cannot see: options that would be ignored. */
export function toProbeArgs(positionals: string[], command: Command): ProbeArgs {
  const o = command.opts<ProbeOptions>();
  const given = (name: string) => command.getOptionValueSource(name) === 'cli';
  const bulk = o.file !== undefined;
  if (o.dnsServer && !o.mx) throw new UsageError('--dns-server only applies to --mx lookups: add --mx, or drop --dns-server');
  if (given('concurrency') && !bulk) throw new UsageError('--concurrency only applies to --file: add --file TARGETS, or drop --concurrency');
  try {
    // In bulk mode every word is a default port; the hosts come from the file.
    const target = bulk ? { host: '', ports: defaultPorts(positionals) } : parseTargetWords(positionals, o.mx ? [25] : undefined);
    if (o.mx && isIP(target.host)) throw new UsageError(`--mx takes a mail domain, not an IP address (${target.host}): drop --mx to probe that address`);
    if (o.mx && target.implicitTls) throw new UsageError('--mx probes MX hosts with STARTTLS: write the domain without smtps://');
    return {
      host: target.host,
      ports: target.ports,
      json: o.json ?? false,
      blocks: o.blocks ?? false,
      nagios: o.nagios ?? false,
      transcript: o.transcript ?? false,
      timeoutMs: o.timeout,
      ...(o.servername !== undefined ? { servername: parseServername(o.servername) } : {}),
      expectNames: o.expectName ?? [],
      caPems: readCaFiles(o.ca ?? []),
      ...(given('ehlo') && o.ehlo ? { ehloName: o.ehlo } : {}),
      implicitTls: (o.tls ?? false) || target.implicitTls === true,
      forceStartTls: o.forceStarttls ?? false,
      protocols: o.protocols ?? false,
      mx: o.mx ?? false,
      dnsServers: (o.dnsServer ?? []).map(dnsServer),
      expiryWarningDays: o.warnDays,
      ...(bulk ? { file: o.file } : {}),
      concurrency: o.concurrency,
    };
  } catch (err) {
    if (err instanceof TargetError) throw new UsageError(err.code === 'TARGET_EMPTY_HOST' ? `${err.message}: starttls probe <host> [port ...] (see starttls probe --help)` : err.message);
    throw err;
  }
}

/** With --file the hosts come from the file: the words typed after `probe` can only be default ports. */
function defaultPorts(words: string[]): number[] {
  try {
    return parsePorts(words);
  } catch (err) {
    if (err instanceof TargetError && err.code === 'TARGET_BAD_PORT') throw new UsageError(`${err.message}: with --file the hosts come from the file, and the other words are default ports`);
    throw err;
  }
}

function dnsServer(text: string): string {
  try {
    parseServerAddress(text);
    return text;
  } catch (err) {
    if (err instanceof DnsLookupError) throw new UsageError(`--dns-server: ${err.message}`);
    throw err;
  }
}
