import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkTarget } from '../../../src/check/check-target';
import type { Checker } from '../../../src/check/checker';
import { openDatabase } from '../../../src/storage/database';
import { describeNotice } from '../../../src/watch/notices';
import { OutboxDispatcher, type RenderOutbox } from '../../../src/watch/outbox-dispatcher';
import { WatchScheduler } from '../../../src/watch/scheduler';
import type { SlackPoster } from '../../../src/watch/slack-poster';
import type { WatchSettings } from '../../../src/watch/watch-settings';
import { WatchService } from '../../../src/watch/watch-service';
import { watchStores, type WatchStores } from '../../../src/watch/watch-stores';
import { createTestPki } from '../../helpers/pki';
import { FakeClock } from './fake-clock';
import { FakePoster } from './fake-poster';

/** Plain text standing in for Block Kit: what each queued message is about, for assertions. */
export const textRender: RenderOutbox = (m, incident) => {
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
  render?: RenderOutbox;
}

export interface Harness {
  dataDir: string;
  stores: WatchStores;
  clock: FakeClock;
  poster: SlackPoster;
  scheduler: WatchScheduler;
  dispatcher: OutboxDispatcher;
  service: WatchService;
  /** Run what is due, then send what that queued. */
  cycle(): Promise<void>;
  /** Close the database without any goodbye, as a crash would leave it. */
  crash(): void;
}

/** Scheduler, dispatcher and service over one database on disk, with an injected clock and a fixed jitter. */
export function startHarness(options: HarnessOptions = {}): Harness {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'starttls-watch-'));
  const stores = watchStores(openDatabase(dataDir));
  const clock = options.clock ?? new FakeClock(Date.now());
  const poster = options.poster ?? new FakePoster();
  const settings: Partial<WatchSettings> = {
    requestOverrides: { caPems: [createTestPki().rootPem], timeoutMs: 5000 },
    ...options.settings,
  };
  const random = () => 0.5;
  const scheduler = new WatchScheduler({ stores, checker: options.checker ?? checkTarget, clock, random, settings });
  const dispatcher = new OutboxDispatcher({ stores, poster, render: options.render ?? textRender, clock, random, backoff: { baseMs: 1000, maxMs: 60_000 } });
  const service = new WatchService({ stores, clock, random, settings });
  return {
    dataDir,
    stores,
    clock,
    poster,
    scheduler,
    dispatcher,
    service,
    cycle: async () => {
      await scheduler.runDue();
      await dispatcher.drain();
    },
    crash: () => stores.db.close(),
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
