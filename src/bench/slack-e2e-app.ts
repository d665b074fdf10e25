// Child process for the Slack end-to-end measurement: the real Slack app (HTTP mode, checks
// through the pool as in production), its Web API pointed at the bench's recording stand-in.
// argv: <Web API url> <allowed ports, comma-separated>
import { CheckPool } from '../execution/check-pool';
import { loadConfig } from '../slack/config';
import { createApp } from '../slack/create-app';
import { ACK_SIGNING_SECRET } from './slack-command';

const [apiUrl, ports] = process.argv.slice(2);

async function main(): Promise<void> {
  const pool = new CheckPool({ concurrency: 16, perDestination: 4 });
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-1111-2222-benchtokenvalue',
    SLACK_SIGNING_SECRET: ACK_SIGNING_SECRET,
    SLACK_API_URL: apiUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
    STARTTLS_ALLOWED_TARGETS: '127.0.0.1',
    STARTTLS_ALLOWED_PORTS: ports,
    STARTTLS_RATE_LIMIT: '9999/1',
  });
  const bot = createApp({ config, checker: pool.check, botIdentity: { botId: 'BBENCH001', botUserId: 'UBENCH001' }, logWrite: () => undefined });
  const { port } = await bot.start();
  process.on('message', async (m: { type: string }) => {
    if (m.type !== 'stop') return;
    await bot.stop();
    await pool.close();
    process.send!({ type: 'stop' });
  });
  process.send!({ type: 'listening', port });
}

void main();
