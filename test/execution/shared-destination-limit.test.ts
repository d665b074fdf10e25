import { checkRequest, type CheckRequest } from '../../src/check/check-request';
import type { Checker } from '../../src/check/checker';
import { sharedDestinationLimit } from '../../src/execution/shared-destination-limit';
import type { Report } from '../../src/report/types';
import { describeEachStore } from '../helpers/stores';

function heldChecker() {
  const started: CheckRequest[] = [];
  const waiting: (() => void)[] = [];
  const checker: Checker = (request) => {
    started.push(request);
    return new Promise<Report>((resolve) =>
      waiting.push(() => resolve({ schemaVersion: 1, host: request.host, startedAt: new Date(0).toISOString(), durationMs: 1, platform: 'unknown', verdict: 'ok', ports: [], findings: [] } as unknown as Report)),
    );
  };
  return { checker, started, finishOne: () => waiting.shift()?.() };
}

async function until(what: string, ok: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!ok()) throw new Error(`never happened: ${what}`);
}

describeEachStore('per-destination limit across replicas', (current) => {
  it('lets at most N checks of one host run at once across two replicas; the next starts when one ends', async () => {
    const t = current();
    const held = heldChecker();
    const replicas = [t.store, await t.again()].map((s) => sharedDestinationLimit(held.checker, s.destinationSlots, { perDestination: 2, pollMs: 10 }));
    const request = checkRequest('mx.example.test', [25]);
    const runs = [0, 1, 2].map((i) => replicas[i % 2](request));
    const other = replicas[1](checkRequest('other.example.test', [25]));
    await until('two checks of mx.example.test and one of other.example.test started', () => held.started.length === 3);
    await new Promise((r) => setTimeout(r, 50));
    expect(held.started.filter((r) => r.host === 'mx.example.test')).toHaveLength(2);
    expect(await t.store.destinationSlots.held('mx.example.test', Date.now())).toBe(2);
    held.finishOne();
    await until('the third check started', () => held.started.filter((r) => r.host === 'mx.example.test').length === 3);
    held.finishOne();
    held.finishOne();
    held.finishOne();
    await Promise.all([...runs, other]);
    expect(await t.store.destinationSlots.held('mx.example.test', Date.now())).toBe(0);
  });

  it('refuses as busy a check that waited its longest for a slot', async () => {
    const t = current();
    const held = heldChecker();
    const limited = sharedDestinationLimit(held.checker, t.store.destinationSlots, { perDestination: 1, pollMs: 5, maxWaitMs: 30 });
    const first = limited(checkRequest('mx.example.test', [25]));
    await until('the first check started', () => held.started.length === 1);
    await expect(limited(checkRequest('mx.example.test', [25]))).rejects.toMatchObject({ code: 'DESTINATION_BUSY' });
    held.finishOne();
    await first;
  });
});
