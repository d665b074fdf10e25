import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { analyzeSpec } from './analyze-spec';
import { DOCS_HELP, EXIT_CODES_HELP, examplesHelp } from './help-text';
import { probeSpec } from './probe-spec';

const EXAMPLES: [string, string][] = [
  ['starttls probe mail.contoso.com 25 587', 'why mail over TLS fails on these ports, and how to fix it'],
  ['starttls probe contoso.com --mx', 'every MX host of a domain, with MTA-STS, TLS-RPT and DANE'],
  ['starttls analyze connectors.txt --report probe.json', 'what in the Exchange configuration keeps STARTTLS from working'],
];

/** The top level: `--help`, `--version`, `help [command]`; the commands themselves run from main.ts. */
export function topProgram(): Command {
  return new Command('starttls')
    .description('Find out why mail stops flowing over TLS: probe SMTP STARTTLS, check the certificate, explain the fix.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'print this help (starttls <command> --help for a command)')
    .addCommand(probeSpec())
    .addCommand(analyzeSpec())
    .addHelpText('after', `\n${EXIT_CODES_HELP}\n\n${examplesHelp(EXAMPLES)}\n\n${DOCS_HELP}`);
}

export function packageVersion(): string {
  // dist/cli/ and src/cli/ both sit two levels below package.json.
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
