/** Shared tail of every help page: the exit status follows the monitoring-plugin convention. */
export const EXIT_CODES_HELP = `Exit status (the Nagios/monitoring-plugin convention):
  0  OK        nothing wrong
  1  WARNING   e.g. a certificate expiring within --warn-days
  2  CRITICAL  e.g. STARTTLS not advertised, an expired or untrusted certificate
  3  UNKNOWN   bad usage, an internal error, or a server that could not be
               assessed (a 421 greeting, a tarpit)`;

export function examplesHelp(examples: [string, string][]): string {
  return `Examples:\n${examples.map(([cmd, what]) => `  $ ${cmd}\n      ${what}`).join('\n')}`;
}

export const DOCS_HELP = 'Documentation: README.md and docs/ in the package (findings.md, report-json.md, nagios.md).';
