import { config as loadDotenv } from 'dotenv';
import { CheckPool } from '../execution/check-pool';
import { loadConfig } from './config';
import { ConfigError } from './config-error';
import { createApp } from './create-app';

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  try {
    const config = loadConfig(process.env);
    // Probes run in worker threads so acknowledgements never wait behind certificate parsing.
    const pool = new CheckPool();
    const bot = createApp({ config, checker: pool.check });
    await bot.start();
    process.once('SIGTERM', () => void bot.stop().then(() => pool.close({ cancel: true })));
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`starttls-bot: ${err.message}\n`);
    process.exit(1);
  }
}

void main();
