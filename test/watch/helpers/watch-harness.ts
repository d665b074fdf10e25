import { checkTarget } from '../../../src/check/check-target';
import type { Checker } from '../../../src/check/checker';
import type { Store } from '../../../src/storage/open-store';
import { watchStoreOf } from '../../../src/slack/store-wiring';
import type { SlackMessage } from '../../../src/slack/blocks/message';
import { describeNotice } from '../../../src/watch/notices';
import { OutboxDispatcher, type RenderOutbox } from '../../../src/watch/outbox-dispatcher';
import { WatchScheduler } from '../../../src/watch/scheduler';
import type { SlackPoster } from '../../../src/slack/slack-poster';
import type { WatchSettings } from '../../../src/watch/watch-settings';
import { WatchService } from '../../../src/watch/watch-service';
import type { WatchStore } from '../../../src/watch/watch-store';
import { createTestPki } from '../../helpers/pki';
import type { TestStore } from '../../helpers/stores';
import { FakeClock } from './fake-clock';
import { FakePoster } from './fake-poster';

/** Plain text standing in for Block Kit: what each queued message is about, for assertions. */
export const textRender: RenderOutbox<SlackMessage> = (m, incident) => {
  const p = m.payload;
  switch (p.kind) {
    case 'alert':
      return { text: `ALERT ${incident?.host} [${incident?.problems.map((x) => x.key).join(' ')}]`, blocks: [] };
    case 'incident-changed':
      return { text: `CHANGED [${p.problems.map((x) => x.key).join(' ')}] ${p.changes.join('; ')}`, blocks: [] };
    case 'incident-resolved':
      return { text: `RESOLVED after ${p.durationMs}`, blocks: [] };
    case 'notices':
      return { text: `NOTICE ${p.notices.map(describeNotice).join('; ')}`, blocks: [] };
    case 'status':
      return { text: `STATUS ${incident?.status}${incident?.resolution ? ` ${incident.resolution}` : ''}`, blocks: [] };
    default:
      return { text: p.kind.toUpperCase(), blocks: [] };
  }
};

export interface HarnessOptions {
  clock?: FakeClock;
  poster?: SlackPoster;
  checker?: Checker;
  settings?: Partial<WatchSettings>;
  render?: RenderOutbox<SlackMessage>;
}

export interface Harness {
  store: WatchStore;
  clock: FakeClock;
  poster: SlackPoster;
  scheduler: WatchScheduler;
  dispatcher: OutboxDispatcher<SlackMessage>;
  service: WatchService;
  /** Run what is due, then send what that queued. */
  cycle(): Promise<void>;
  /**
   * The process dies without any goodbye and a new one starts over the same database, clock, Slack
   * and settings (not started: call scheduler.start() and dispatcher.start() as main does).
   */
  restart(): Promise<Harness>;
}

/**
 * Scheduler, dispatcher and service over the test's store (SQLite or PostgreSQL, see describeEachStore),
 * with an injected clock and a fixed jitter. The store is the test's: describeEachStore closes it.
 */
export function startHarness(db: TestStore, options: HarnessOptions = {}): Harness {
  return harnessOver(db, db.store, { ...options, clock: options.clock ?? new FakeClock(Date.now()), poster: options.poster ?? new FakePoster() });
}

function harnessOver(db: TestStore, handle: Store, options: HarnessOptions & { clock: FakeClock; poster: SlackPoster }): Harness {
  const store = watchStoreOf(handle);
  const { clock, poster } = options;
  const settings: Partial<WatchSettings> = {
    requestOverrides: { caPems: [createTestPki().rootPem], timeoutMs: 5000 },
    ...options.settings,
  };
  const random = () => 0.5;
  const scheduler = new WatchScheduler({ store, checker: options.checker ?? checkTarget, clock, random, settings });
  const dispatcher = new OutboxDispatcher({ store, poster, render: options.render ?? textRender, clock, random, backoff: { baseMs: 1000, maxMs: 60_000 } });
  const service = new WatchService({ store, clock, random, settings });
  return {
    store,
    clock,
    poster,
    scheduler,
    dispatcher,
    service,
    cycle: async () => {
      await scheduler.runDue();
      await dispatcher.drain();
    },
    restart: async () => harnessOver(db, await db.reopen(), options),
  };
}
