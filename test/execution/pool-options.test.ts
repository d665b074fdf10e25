import { availableParallelism } from 'node:os';
import { poolSettings } from '../../src/execution/pool-options';

const cpus = availableParallelism();

describe('how many worker threads a pool starts by default', () => {
  it('one for a pool that runs one check at a time', () => {
    expect(poolSettings({ concurrency: 1 }).threads).toBe(1);
  });

  it('two from two checks at once, then one per 32, never more than the CPUs', () => {
    expect(poolSettings({ concurrency: 16 }).threads).toBe(Math.min(cpus, 2));
    expect(poolSettings({ concurrency: 64 }).threads).toBe(Math.min(cpus, 2));
    expect(poolSettings({ concurrency: 65 }).threads).toBe(Math.min(cpus, 3));
    expect(poolSettings({ concurrency: 500 }).threads).toBe(Math.min(cpus, 16));
  });

  it('as many as asked for when asked', () => {
    expect(poolSettings({ concurrency: 16, threads: 1 }).threads).toBe(1);
  });
});
