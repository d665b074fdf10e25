/** Bytes per slot: the start time (float64), then the running thread and the abort flag (int32 each). */
const BYTES_PER_SLOT = 16;

/**
 * One slot per check in flight, in memory shared by the pool and its worker threads, so that a
 * check's start (which thread, since when: what the watchdog needs) and the pool's request to stop
 * it cost no message. A slot belongs to one attempt at a time, from `acquire` to `release`.
 */
export class CheckSlots {
  private readonly startedAt: Float64Array;
  /** [threadId, abort requested] per slot; threadId 0 (the main thread) means not started. */
  private readonly state: Int32Array;
  private readonly free: number[] = [];

  constructor(readonly buffer: SharedArrayBuffer) {
    const count = buffer.byteLength / BYTES_PER_SLOT;
    this.startedAt = new Float64Array(buffer, 0, count);
    this.state = new Int32Array(buffer, count * 8, count * 2);
    for (let slot = count - 1; slot >= 0; slot--) this.free.push(slot);
  }

  static create(count: number): CheckSlots {
    return new CheckSlots(new SharedArrayBuffer(count * BYTES_PER_SLOT));
  }

  /** Pool side: a cleared slot for a new attempt. */
  acquire(): number {
    const slot = this.free.pop();
    // The admission limit keeps attempts in flight at or under the slot count.
    if (slot === undefined) throw new Error('no free check slot: more attempts in flight than the pool admits');
    this.startedAt[slot] = 0;
    Atomics.store(this.state, slot * 2, 0);
    Atomics.store(this.state, slot * 2 + 1, 0);
    return slot;
  }

  /** Pool side, once the attempt has settled (the worker is done with the slot or dead). */
  release(slot: number): void {
    this.free.push(slot);
  }

  /** Pool side: which thread runs the slot's check and since when (Date.now() ms), once started. */
  runner(slot: number): { threadId: number; startedAt: number } | undefined {
    const threadId = Atomics.load(this.state, slot * 2);
    return threadId === 0 ? undefined : { threadId, startedAt: this.startedAt[slot] };
  }

  /** Pool side: flag the check to stop; the worker reads it on start, and is told by a message if already running. */
  requestAbort(slot: number): void {
    Atomics.store(this.state, slot * 2 + 1, 1);
  }

  /** Worker side, first thing in a check. */
  start(slot: number, threadId: number, now: number): void {
    this.startedAt[slot] = now;
    // Stored after the time, so whoever sees the thread sees the time too.
    Atomics.store(this.state, slot * 2, threadId);
  }

  abortRequested(slot: number): boolean {
    return Atomics.load(this.state, slot * 2 + 1) === 1;
  }
}
