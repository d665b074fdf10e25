// Child process for the acknowledgement measurement: a loopback HTTP endpoint that answers
// at once (the stand-in for the Slack app's acknowledgement) in the same process that keeps
// `inflight` checks running against the fast server, through the pool or in-process.
// argv: pool|inline <port> <inflight>
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkRequest } from '../check/check-request';
import type { Checker } from '../check/checker';
import { CheckPool } from '../execution/check-pool';

const [mode, portText, inflightText] = process.argv.slice(2);
const inflight = Number(inflightText);
const request = checkRequest('127.0.0.1', [Number(portText)], { timeoutMs: 30_000 });
let completed = 0;
let stopping = false;

async function main(): Promise<void> {
  const pool = mode === 'pool' ? new CheckPool({ concurrency: inflight, perDestination: inflight, maxQueue: 0 }) : undefined;
  // In-process mode loads the engine on this thread, as a bot without the pool would.
  const check: Checker = pool ? pool.check : (await import('../check/check-target')).checkTarget;
  const server = http.createServer((_req, res) => res.end('{"ok":true}'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const lanes = Array.from({ length: inflight }, async () => {
    while (!stopping) {
      await check(request).catch(() => undefined);
      completed += 1;
    }
  });
  process.on('message', async (m: { type: string }) => {
    if (m.type === 'completed') process.send!({ type: 'completed', completed });
    if (m.type === 'stop') {
      stopping = true;
      await Promise.all(lanes);
      await pool?.close();
      server.close();
      process.send!({ type: 'stop', completed });
    }
  });
  process.send!({ type: 'listening', port: (server.address() as AddressInfo).port });
}

void main();
