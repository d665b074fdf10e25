// A small process that spawns the openssl baseline's clients, so that each spawn forks this process
// (Node and the loop alone) rather than the bench's, which by then holds the engine, its threads and
// the figures: forking a bigger process is slower, and that would be the harness's time, not openssl's.
import { spawn } from 'node:child_process';
import { closedLoop, type LoopBounds, type Sample } from './measure';

interface RunMessage {
  type: 'run';
  args: string[];
  parallelism: number;
  bounds: LoopBounds;
}

function runOpenssl(args: string[]): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const child = spawn('openssl', args, { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`openssl exited ${code}`));
    });
  });
}

process.on('message', (m: RunMessage) => {
  if (m.type !== 'run') return;
  void closedLoop(m.parallelism, () => runOpenssl(m.args), m.bounds).then((sample: Sample) => process.send?.({ type: 'run', sample }));
});
