/** Time and timers, injectable so tests drive the schedule without waiting. */
export interface Clock {
  now(): number;
  setTimer(fn: () => void, ms: number): Timer;
}

export interface Timer {
  cancel(): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(fn, ms) {
    // Node caps timers at 2^31-1 ms; callers re-arm after waking anyway.
    const handle = setTimeout(fn, Math.max(0, Math.min(ms, 2_147_483_647)));
    handle.unref();
    return { cancel: () => clearTimeout(handle) };
  },
};
