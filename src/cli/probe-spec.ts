import { Command, Option } from 'commander';
import { DEFAULT_TIMEOUTS } from '../probe/limits';
import { DOCS_HELP, EXIT_CODES_HELP, examplesHelp } from './help-text';
import { collect, hostName, wholeNumber } from './option-parsers';

/** What commander hands over for `starttls probe`; probe-args.ts validates and turns it into ProbeArgs. */
export interface ProbeOptions {
  json?: boolean;
  blocks?: boolean;
  nagios?: boolean;
  transcript?: boolean;
  timeout: number;
  servername?: string;
  expectName?: string[];
  ca?: string[];
  ehlo?: string;
  tls?: boolean;
  forceStarttls?: boolean;
  protocols?: boolean;
  warnDays: number;
  mx?: boolean;
  dnsServer?: string[];
  file?: string;
  concurrency: number;
}

export const PROBE_DEFAULTS = { timeoutMs: DEFAULT_TIMEOUTS.totalMs, warnDays: 30, concurrency: 32, ehlo: 'starttls-probe.invalid' } as const;

/** Output formats other than the text report: one at a time, and bulk mode has its own. */
const OUTPUTS = ['json', 'blocks', 'nagios', 'transcript'];
const except = (name: string) => OUTPUTS.filter((o) => o !== name);

const DESCRIPTION = [
  'Probe each SMTP port of a mail server (greeting, EHLO, STARTTLS, TLS handshake, EHLO again), check the certificate it serves, compare what the ports advertise, and say what is wrong and how to fix it.',
  'A target is host, host port..., host:port, [ipv6]:port, smtp://host:port or smtps://host:port (implicit TLS). Ports are separated by spaces or commas, default 25 587; 465 always speaks implicit TLS. With --mx the target is a mail domain; with --file the targets come from a file (one per line, the same forms, # comments) and the words after the options are default ports.',
].join('\n\n');

const EXAMPLES: [string, string][] = [
  ['starttls probe mail.contoso.com 25 587', 'both ports side by side: capabilities, TLS, certificate, findings'],
  ['starttls probe smtps://mail.contoso.com:465 -v', 'implicit TLS, with the SMTP conversation of each port'],
  ['starttls probe contoso.com --mx --json', "every MX host of the domain, MTA-STS, TLS-RPT and DANE, as JSON"],
  ['starttls probe 192.0.2.25 25 --servername mail.contoso.com', 'a server by address, as senders that connect to mail.contoso.com see it'],
  ['starttls probe mail.contoso.com:25 --nagios --warn-days 21', 'one monitoring-plugin line with perfdata, for Nagios, Icinga, Checkmk or Zabbix'],
];

export function probeSpec(): Command {
  return new Command('probe')
    .summary('probe SMTP ports: STARTTLS, TLS and the certificate')
    .description(DESCRIPTION)
    .argument('[target...]', 'host, host:port, [ipv6]:port, smtp://host:port or smtps://host:port, then more ports')
    .addOption(new Option('--json', 'the report as JSON (docs/report-json.md); with --file one report per line (NDJSON)').conflicts(except('json')))
    .addOption(new Option('--blocks', 'the Slack message ({ text, blocks }) the bot would post, for Block Kit Builder').conflicts([...except('blocks'), 'file']))
    .addOption(new Option('--nagios', 'one monitoring-plugin line with perfdata (docs/nagios.md)').conflicts([...except('nagios'), 'file', 'mx']))
    .addOption(new Option('-v, --transcript', 'also print the SMTP conversation of each port (text report only)').conflicts([...except('transcript'), 'file']))
    .addOption(new Option('--timeout <ms>', "deadline for each port's whole probe, in milliseconds").default(PROBE_DEFAULTS.timeoutMs).argParser(wholeNumber('--timeout', 100, 600_000, 10_000)))
    .addOption(new Option('--servername <name>', 'the name senders use, sent as SNI and checked on the certificate, when the target is an address or another host').conflicts('mx'))
    .addOption(new Option('--expect-name <name>', 'a name the certificate must also cover, e.g. the TlsDomain (repeatable)').argParser(hostName('--expect-name', 'mail.contoso.com', true)))
    .addOption(new Option('--ca <file>', 'extra trust anchor, PEM certificates, besides the bundled roots (repeatable)').argParser(collect))
    .addOption(new Option('--ehlo <name>', 'the name sent in EHLO/HELO').default(PROBE_DEFAULTS.ehlo).argParser(hostName('--ehlo', 'probe.contoso.com')))
    .addOption(new Option('--tls', 'implicit TLS on every port (as smtps:// does)'))
    .addOption(new Option('--force-starttls', 'send STARTTLS even when not advertised, to reveal a middlebox hiding it (automatic when a keyword looks masked, e.g. XXXXXXXA)'))
    .addOption(new Option('--protocols', 'also try TLS 1.0, 1.1, 1.2 and 1.3 one at a time (one short connection each) and list which the port accepts'))
    .addOption(new Option('--warn-days <n>', 'days before expiry that make a certificate a WARNING').default(PROBE_DEFAULTS.warnDays).argParser(wholeNumber('--warn-days', 0, 3650, 21)))
    .addOption(new Option('--mx', "the target is a mail domain: every MX host (port 25 unless given) and the domain's policies (docs/domain-checks.md)").conflicts('file'))
    .addOption(new Option('--dns-server <addr[:port]>', "with --mx: the name server for every lookup (repeatable; default: the system's)").argParser(collect))
    .addOption(new Option('--file <targets>', 'bulk mode: one target per line; prints one line per target and a summary'))
    .addOption(new Option('--concurrency <n>', 'with --file: checks at once (at most 2 per host)').default(PROBE_DEFAULTS.concurrency).argParser(wholeNumber('--concurrency', 1, 1000, 8)))
    .addHelpText('after', `\n${EXIT_CODES_HELP}\n\n${examplesHelp(EXAMPLES)}\n\n${DOCS_HELP}`);
}
