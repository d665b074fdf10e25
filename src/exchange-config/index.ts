/** Exchange configuration analysis: the entry points the CLI and the Slack bot call. */
export { analyzeExchangeText, NOTHING_RECOGNISED } from './analyze';
export { READ_ONLY_CMDLETS } from './commands';
export { decodePastedBytes } from './decode-text';
export { asProbeReport } from './probe-report';
export { analysisJson } from './json-output';
export { EXCHANGE_FINDING_IDS } from './types';
export type { AnalysisOptions, ExchangeAnalysis, ExchangeConfig, ExchangeFinding, ExchangeFindingId, ReadOnlyCmdlet } from './types';
