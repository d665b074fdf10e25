import type { Report } from '../../report/types';
import type { ExchangeConfig, ExchangeFinding } from '../types';

export interface RuleContext {
  config: ExchangeConfig;
  now: Date;
  /** The probe report of the same server, when the thread or the command line has one. */
  report?: Report;
}

export type Rule = (ctx: RuleContext) => ExchangeFinding[];
