import { Command, Option } from 'commander';
import { DOCS_HELP, EXIT_CODES_HELP, examplesHelp } from './help-text';

export interface AnalyzeOptions {
  report?: string;
  json?: boolean;
}

const DESCRIPTION = [
  "Read the Format-List output of Get-ReceiveConnector, Get-ExchangeCertificate, Get-SendConnector, Get-InboundConnector and Get-OutboundConnector (a file, or - for standard input) and say what in Exchange's configuration keeps STARTTLS from working. --report joins a probe's --json report: which connector answered which port, whether the served certificate is the one TlsCertificateName names. Finding ids: docs/exchange-analysis.md. Nothing recognised in the file exits 3.",
].join('\n\n');

const EXAMPLES: [string, string][] = [
  ['starttls analyze connectors.txt', 'the findings for a saved paste of the cmdlets (UTF-16 from Windows PowerShell is fine)'],
  ['starttls probe mail.contoso.com --json > probe.json && starttls analyze connectors.txt --report probe.json', 'joined with what the server actually served'],
  ['Get-ReceiveConnector | fl | starttls analyze -', 'from standard input'],
];

export function analyzeSpec(): Command {
  return new Command('analyze')
    .summary('explain Exchange connector and certificate configuration')
    .description(DESCRIPTION)
    .argument('[file]', 'the cmdlet output, or - for standard input')
    // Our own checks name the mistake better than commander's count of arguments.
    .allowExcessArguments()
    .addOption(new Option('--report <report.json>', "a probe's --json report to join with the configuration"))
    .addOption(new Option('--json', 'the analysis as JSON'))
    .addHelpText('after', `\n${EXIT_CODES_HELP}\n\n${examplesHelp(EXAMPLES)}\n\n${DOCS_HELP}`);
}
