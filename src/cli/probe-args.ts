import { parseArgs } from 'node:util';
import { DnsLookupError } from '../domain-policy/dns/dns-lookup-error';
import { parseServerAddress } from '../domain-policy/dns/server-address';
import { parsePorts, parseHost, TargetError } from '../target/parse-target';
import { UsageError } from './usage-error';

export interface ProbeArgs {
  host: string;
  ports: number[];
  json: boolean;
  /** Print the Slack message payload ({ text, blocks }) the bot would post, for Block Kit Builder. */
  blocks: boolean;
  timeoutMs: number;
  expectNames: string[];
  caFiles: string[];
  ehloName?: string;
  implicitTls: boolean;
  forceStartTls: boolean;
  mx: boolean;
  /** Name servers for --mx's DNS lookups (MX, MTA-STS, TLS-RPT, TLSA), `ADDR[:PORT]`; empty: the system's. */
  dnsServers: string[];
  expiryWarningDays: number;
  /** Bulk mode: targets file, one `host [port ...]` per line; `ports` are the default for lines without. */
  file?: string;
  /** Checks at once (bulk mode). */
  concurrency: number;
}

export const PROBE_USAGE =
  'usage: starttls probe <host> [port ...] [--json | --blocks] [--timeout MS] [--expect-name NAME]... [--ca FILE]... [--ehlo NAME] [--tls] [--force-starttls] [--mx [--dns-server ADDR[:PORT]]...] [--warn-days N]\n       starttls probe --file TARGETS [port ...] [--concurrency N] [--json] [options as above]';

const OPTIONS = {
  json: { type: 'boolean' },
  blocks: { type: 'boolean' },
  timeout: { type: 'string' },
  'expect-name': { type: 'string', multiple: true },
  ca: { type: 'string', multiple: true },
  ehlo: { type: 'string' },
  tls: { type: 'boolean' },
  'force-starttls': { type: 'boolean' },
  mx: { type: 'boolean' },
  'dns-server': { type: 'string', multiple: true },
  'warn-days': { type: 'string' },
  file: { type: 'string' },
  concurrency: { type: 'string' },
} as const;

export function parseProbeArgs(argv: string[]): ProbeArgs {
  const { values, positionals } = parseOrThrow(argv);
  const bulk = values.file !== undefined;
  // In bulk mode every positional is a default port; the hosts come from the file.
  const [host, ...portWords] = bulk ? ['', ...positionals] : positionals;
  if (host === undefined) throw new UsageError('no host given');
  if (bulk && values.mx) throw new UsageError('--mx cannot be combined with --file');
  try {
    return {
      host: bulk ? '' : parseHost(host),
      ports: values.mx && portWords.length === 0 ? [25] : parsePorts(portWords),
      json: values.json ?? false,
      blocks: values.blocks ?? false,
      timeoutMs: intOption('--timeout', values.timeout, 30_000, 100, 600_000),
      expectNames: (values['expect-name'] ?? []).map(parseHost),
      caFiles: values.ca ?? [],
      ehloName: values.ehlo === undefined ? undefined : parseHost(values.ehlo),
      implicitTls: values.tls ?? false,
      forceStartTls: values['force-starttls'] ?? false,
      mx: values.mx ?? false,
      dnsServers: (values['dns-server'] ?? []).map(dnsServer),
      expiryWarningDays: intOption('--warn-days', values['warn-days'], 30, 0, 3650),
      ...(bulk ? { file: values.file } : {}),
      concurrency: intOption('--concurrency', values.concurrency, 32, 1, 1000),
    };
  } catch (err) {
    if (err instanceof TargetError) throw new UsageError(err.message);
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

function parseOrThrow(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    // node:util's messages are one line already ("Unknown option '--foo'...").
    throw new UsageError((err as Error).message.split('\n')[0]);
  }
}

function intOption(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = /^[0-9]+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${name} takes a whole number from ${min} to ${max}`);
  return n;
}
