import { firstRunAt, nextRunAt } from '../../src/watch/schedule';

const MIN = 60_000;

describe('nextRunAt', () => {
  it('keeps the cadence of when the run was due, not when it finished', () => {
    expect(nextRunAt({ nextRunAt: 0, intervalMs: 5 * MIN }, 20_000, () => 0.5)).toBe(5 * MIN);
  });

  it('spreads runs by up to ±10% of the interval', () => {
    expect(nextRunAt({ nextRunAt: 0, intervalMs: 10 * MIN }, 1000, () => 0)).toBe(9 * MIN);
    expect(nextRunAt({ nextRunAt: 0, intervalMs: 10 * MIN }, 1000, () => 0.999999)).toBe(Math.round(11 * MIN - 0.000002 * MIN));
  });

  it('after downtime runs once and then an interval from now, not once per missed interval', () => {
    const now = 100 * MIN;
    expect(nextRunAt({ nextRunAt: 0, intervalMs: 5 * MIN }, now, () => 0.5)).toBe(now + 5 * MIN);
  });

  it('never schedules the next run sooner than half an interval after this one', () => {
    expect(nextRunAt({ nextRunAt: 0, intervalMs: 10 * MIN }, 10 * MIN - 1, () => 0)).toBe(15 * MIN - 1);
  });
});

describe('firstRunAt', () => {
  it('runs a new watch within seconds, spread so a batch does not fire at once', () => {
    expect(firstRunAt(0, 15 * MIN, () => 0)).toBe(0);
    expect(firstRunAt(0, 15 * MIN, () => 0.5)).toBe(5000);
    expect(firstRunAt(0, 60_000, () => 0.5)).toBe(3000);
  });
});
