// Child process for the memory measurement: opens `count` probes against a tarpit and
// reports its resident memory before (idle, threads started), while they are held and after they complete.
// argv: engine|floor <port> <count>
import { availableParallelism } from 'node:os';
import { checkRequest } from '../check/check-request';
import { CheckPool } from '../execution/check-pool';
import { floorProbe } from './floor-probe';

const [mode, portText, countText] = process.argv.slice(2);
const port = Number(portText);
const count = Number(countText);

const pool = mode === 'engine' ? new CheckPool({ concurrency: count, perDestination: count, maxQueue: 0 }) : undefined;
const request = checkRequest('127.0.0.1', [port], { timeoutMs: 60_000 });
const probe = pool ? () => pool.check(request).then((r) => r.ports[0].starttls.succeeded) : () => floorProbe('127.0.0.1', port, 60_000).then(() => true);

process.on('message', (m: { type: string }) => {
  if (m.type === 'rss') process.send!({ type: 'rss', rss: process.memoryUsage().rss });
  if (m.type === 'go') void run();
});

// Idle: the engine's threads up with the engine loaded (piscina lists a thread once it is ready), then a moment to settle.
void (async () => {
  const threads = pool ? Math.min(availableParallelism(), Math.ceil(count / 32)) : 0;
  while ((pool?.stats().threads ?? 0) < threads) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 500));
  process.send!({ type: 'idle', rss: process.memoryUsage().rss });
})();

// Probing starts when asked, so that the parent can read the resident set of the idle process first.
async function run(): Promise<void> {
  const results = await Promise.allSettled(Array.from({ length: count }, probe));
  const succeeded = results.filter((r) => r.status === 'fulfilled' && r.value).length;
  process.send!({ type: 'done', rss: process.memoryUsage().rss, maxRss: process.resourceUsage().maxRSS * 1024, succeeded });
  await pool?.close();
}
