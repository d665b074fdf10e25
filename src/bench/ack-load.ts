// Child process for the acknowledgement measurement: the real Slack app (HTTP mode, Web API
// pointed at a loopback stand-in) in the same process that keeps `inflight` checks running,
// through the pool's threads or in-process. With load `churn` they loop against the bench's
// fast server (each finishing and starting again); with `held` they sit on a local tarpit
// that never greets, so they stay in flight for the whole measurement.
// argv: pool|inline <fast server port> <inflight> churn|held
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { checkRequest } from '../check/check-request';
import type { Checker } from '../check/checker';
import { CheckPool } from '../execution/check-pool';
import { loadConfig } from '../slack/config';
import { createApp } from '../slack/create-app';
import { ACK_SIGNING_SECRET } from './slack-command';
import { startWebApiStandIn } from './web-api-stand-in';

const [mode, portText, inflightText, load] = process.argv.slice(2);
const inflight = Number(inflightText);
let completed = 0;
let stopping = false;

async function main(): Promise<void> {
  // Room for the slash commands' own checks beside the load, so they never wait for a slot.
  const limit = inflight + 100;
  const pool = mode === 'pool' ? new CheckPool({ concurrency: limit, perDestination: limit }) : undefined;
  const check: Checker = pool ? pool.check : (await import('../check/check-target')).checkTarget;
  const slack = await startWebApiStandIn();
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-1111-2222-benchtokenvalue',
    SLACK_SIGNING_SECRET: ACK_SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
    STARTTLS_ALLOWED_TARGETS: '127.0.0.1',
    STARTTLS_ALLOWED_PORTS: portText,
    STARTTLS_RATE_LIMIT: '9999/1',
  });
  const tarpit = net.createServer(() => undefined);
  await new Promise<void>((resolve) => tarpit.listen(0, '127.0.0.1', resolve));
  const loadPort = load === 'held' ? (tarpit.address() as AddressInfo).port : Number(portText);
  const request = checkRequest('127.0.0.1', [loadPort], { timeoutMs: 60_000 });
  const bot = createApp({ config, checker: check, botIdentity: { botId: 'BBENCH001', botUserId: 'UBENCH001' }, logWrite: () => undefined });
  const { port } = await bot.start();
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
      await bot.stop();
      await pool?.close();
      await slack.close();
      tarpit.close();
      process.send!({ type: 'stop', completed });
    }
  });
  process.send!({ type: 'listening', port, responseUrl: slack.responseUrl('cmd') });
}

void main();
