import type { Clock, Timer } from '../../../src/watch/clock';

/** A clock the test moves by hand; timers are recorded, fired only by fireDue(). */
export class FakeClock implements Clock {
  private timers: { at: number; fn: () => void; cancelled: boolean }[] = [];

  constructor(private t: number) {}

  now(): number {
    return this.t;
  }

  advance(ms: number): void {
    this.t += ms;
  }

  set(t: number): void {
    this.t = t;
  }

  setTimer(fn: () => void, ms: number): Timer {
    const timer = { at: this.t + ms, fn, cancelled: false };
    this.timers.push(timer);
    return { cancel: () => (timer.cancelled = true) };
  }

  /** Timers armed and not cancelled or fired. */
  pending(): number[] {
    return this.timers.filter((t) => !t.cancelled).map((t) => t.at);
  }

  fireDue(): number {
    const due = this.timers.filter((t) => !t.cancelled && t.at <= this.t);
    this.timers = this.timers.filter((t) => !due.includes(t));
    for (const t of due) t.fn();
    return due.length;
  }
}

/** A repeatable sequence in [0, 1). */
export function fixedRandom(...values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length];
}

/** Lets every promise chain the code under test has started (store calls included) run to its next real wait. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Waits until the code under test has got as far as `condition` says: on PostgreSQL each store call is a
 * real round trip, so one settle() is not enough. Bounded, so a broken condition fails instead of hanging.
 */
export async function until(condition: () => boolean, what: string, boundMs = 10_000): Promise<void> {
  const end = Date.now() + boundMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`gave up waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
