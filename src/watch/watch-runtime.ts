import type { Checker } from '../check/checker';
import type { Db } from '../storage/database';
import type { Watch } from '../storage/watch-store';
import type { Clock } from './clock';
import { OutboxDispatcher, type RenderOutbox } from './outbox-dispatcher';
import { WatchScheduler, type WatchLogger } from './scheduler';
import type { SlackPoster } from './slack-poster';
import type { WatchSettings } from './watch-settings';
import { WatchService } from './watch-service';
import { watchStores } from './watch-stores';

export interface WatchRuntimeOptions {
  db: Db;
  checker: Checker;
  poster: SlackPoster;
  render: RenderOutbox;
  settings?: Partial<WatchSettings>;
  /** The target policy, checked before every run. */
  admit?: (watch: Watch) => Promise<void>;
  clock?: Clock;
  logger?: WatchLogger;
}

export interface WatchRuntime {
  service: WatchService;
  scheduler: WatchScheduler;
  dispatcher: OutboxDispatcher;
  start(): void;
  /** Runs under way finish and are recorded; queued messages stay queued for the next start. */
  stop(): Promise<void>;
}

/** Scheduler, outbox dispatcher and service over one database, wired to wake each other. */
export function createWatchRuntime(options: WatchRuntimeOptions): WatchRuntime {
  const stores = watchStores(options.db);
  const common = { ...(options.clock ? { clock: options.clock } : {}), ...(options.logger ? { logger: options.logger } : {}) };
  const dispatcher = new OutboxDispatcher({ stores, poster: options.poster, render: options.render, ...common });
  const onOutbox = () => dispatcher.kick();
  const scheduler = new WatchScheduler({
    stores,
    checker: options.checker,
    ...(options.settings ? { settings: options.settings } : {}),
    ...(options.admit ? { admit: options.admit } : {}),
    onOutbox,
    ...common,
  });
  const service = new WatchService({ stores, scheduler, onOutbox, ...(options.settings ? { settings: options.settings } : {}), ...(options.clock ? { clock: options.clock } : {}) });
  return {
    service,
    scheduler,
    dispatcher,
    start() {
      scheduler.start();
      dispatcher.start();
    },
    async stop() {
      await scheduler.stop();
      await dispatcher.stop();
    },
  };
}
