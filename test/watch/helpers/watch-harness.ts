import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkTarget } from '../../../src/check/check-target';
import type { Checker } from '../../../src/check/checker';
import { Store } from '../../../src/storage/open-store';
import { openSqlite } from '../../../src/storage/sqlite-engine';
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
  dataDir?: string;
  clock?: FakeClock;
  poster?: SlackPoster;
  checker?: Checker;
  settings?: Partial<WatchSettings>;
  render?: RenderOutbox<SlackMessage>;
}

export interface Harness {
  dataDir: string;
  store: WatchStore;
  clock: FakeClock;
  poster: SlackPoster;
  scheduler: WatchScheduler;
  dispatcher: OutboxDispatcher<SlackMessage>;
  service: WatchService;
  /** Run what is due, then send what that queued. */
  cycle(): Promise<void>;
  /** Close the database without any goodbye, as a crash would leave it. */
  crash(): void;
  /** False after crash() or close(). */
  isOpen(): boolean;
  close(): Promise<void>;
}

/** Scheduler, dispatcher and service over one database on disk, with an injected clock and a fixed jitter. */
export function startHarness(options: HarnessOptions = {}): Harness {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'starttls-watch-'));
  const engine = openSqlite(dataDir);
  const store = watchStoreOf(new Store(engine));
  const clock = options.clock ?? new FakeClock(Date.now());
  const poster = options.poster ?? new FakePoster();
  const settings: Partial<WatchSettings> = {
    requestOverrides: { caPems: [createTestPki().rootPem], timeoutMs: 5000 },
    ...options.settings,
  };
  const random = () => 0.5;
  const scheduler = new WatchScheduler({ store, checker: options.checker ?? checkTarget, clock, random, settings });
  const dispatcher = new OutboxDispatcher({ store, poster, render: options.render ?? textRender, clock, random, backoff: { baseMs: 1000, maxMs: 60_000 } });
  const service = new WatchService({ store, clock, random, settings });
  return {
    dataDir,
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
    crash: () => engine.db.close(),
    isOpen: () => engine.db.open,
    close: () => engine.close(),
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
