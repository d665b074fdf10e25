import type { Checker } from '../check/checker';
import type { DomainResolver } from '../domain-check';
import type { WatchService } from '../watch/watch-service';
import type { RateLimiter } from '../admission/rate-limiter';
import type { ResolveAddresses } from '../admission/resolve-addresses';
import type { BackgroundTasks } from './background-tasks';
import type { SlackConfig } from './config';
import type { Logger } from './logger';
import type { DomainReportStore, ReportStore } from './report-store';
import type { SeenKeys } from './seen-keys';

/** What the listeners share; built once in createApp. */
export interface BotDeps {
  config: SlackConfig;
  checker: Checker;
  resolve: ResolveAddresses;
  limiter: RateLimiter;
  store: ReportStore;
  domainReports: DomainReportStore;
  /** DNS for `/starttls mx`: MX, TXT, TLSA and the MX hosts' addresses. */
  domainResolver: DomainResolver;
  seen: SeenKeys;
  tasks: BackgroundTasks;
  logger: Logger;
  /** Watches and alerts; absent when the bot runs without a database. */
  watches?: WatchService;
}
