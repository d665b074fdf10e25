import type { Checker } from '../check/checker';
import type { Clock } from './clock';
import type { MessagePoster } from './message-poster';
import { OutboxDispatcher, type RenderOutbox } from './outbox-dispatcher';
import { WatchScheduler, type WatchLogger } from './scheduler';
import type { Watch } from './watch-model';
import type { WatchSettings } from './watch-settings';
import { WatchService } from './watch-service';
import type { WatchStore } from './watch-store';

export interface WatchRuntimeOptions<M> {
  store: WatchStore;
  checker: Checker;
  poster: MessagePoster<M>;
  render: RenderOutbox<M>;
  settings?: Partial<WatchSettings>;
  /** The target policy, checked before every run. */
  admit?: (watch: Watch) => Promise<void>;
  clock?: Clock;
  logger?: WatchLogger;
}

export interface WatchRuntime {
  service: WatchService;
  scheduler: WatchScheduler;
  dispatcher: OutboxDispatcher<unknown>;
  start(): Promise<void>;
  /** Runs under way finish and are recorded; queued messages stay queued for the next start (or another replica). */
  stop(): Promise<void>;
}

/** Scheduler, outbox dispatcher and service over one store, wired to wake each other. */
export function createWatchRuntime<M>(options: WatchRuntimeOptions<M>): WatchRuntime {
  const { store } = options;
  const common = { ...(options.clock ? { clock: options.clock } : {}), ...(options.logger ? { logger: options.logger } : {}) };
  const dispatcher = new OutboxDispatcher<M>({ store, poster: options.poster, render: options.render, ...common });
  const onOutbox = () => dispatcher.kick();
  const scheduler = new WatchScheduler({
    store,
    checker: options.checker,
    ...(options.settings ? { settings: options.settings } : {}),
    ...(options.admit ? { admit: options.admit } : {}),
    onOutbox,
    ...common,
  });
  const service = new WatchService({ store, scheduler, onOutbox, ...(options.settings ? { settings: options.settings } : {}), ...(options.clock ? { clock: options.clock } : {}) });
  return {
    service,
    scheduler,
    dispatcher: dispatcher as OutboxDispatcher<unknown>,
    async start() {
      await scheduler.start();
      await dispatcher.start();
    },
    async stop() {
      await scheduler.stop();
      await dispatcher.stop();
    },
  };
}
