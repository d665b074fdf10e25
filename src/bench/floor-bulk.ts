// The floor over a target file, as a process of its own beside the CLI's `--file` run: argv <file> <concurrency>.
// Prints the number of probes that completed. What a minimal client gets through the same proxy on the same cores.
import { readFileSync } from 'node:fs';
import { floorProbe } from './floor-probe';

const [file, concurrencyText] = process.argv.slice(2);
const targets = readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'))
  .map((line) => {
    const at = line.lastIndexOf(':');
    return { host: line.slice(0, at), port: Number(line.slice(at + 1)) };
  });
let next = 0;
let succeeded = 0;
const lane = async () => {
  while (next < targets.length) {
    const { host, port } = targets[next++];
    await floorProbe(host, port, 20_000).then(
      () => (succeeded += 1),
      () => undefined,
    );
  }
};
void Promise.all(Array.from({ length: Math.min(Number(concurrencyText), targets.length) }, lane)).then(() => process.stdout.write(`${succeeded}\n`));
