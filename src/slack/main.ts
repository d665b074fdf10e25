import { config as loadDotenv } from 'dotenv';
import { CheckPool } from '../execution/check-pool';
import { loadConfig } from './config';
import { ConfigError } from './config-error';
import { createApp } from './create-app';
import { createLogger } from './logger';
import { watchRuntime } from './watch-wiring';
import { loadWatchConfig } from '../watch/watch-config';

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  try {
    const config = loadConfig(process.env);
    const watchConfig = loadWatchConfig(process.env);
    // Probes run in worker threads so acknowledgements never wait behind certificate parsing.
    const pool = new CheckPool();
    const logger = createLogger({ level: config.logLevel, secrets: [config.botToken, config.signingSecret, config.appToken].filter((s): s is string => s !== undefined) });
    const watching = watchRuntime(config, watchConfig, pool.check, logger);
    const bot = createApp({ config, checker: pool.check, watches: watching.service });
    await bot.start();
    watching.start();
    const shutdown = once(async () => {
      await bot.stop();
      await watching.stop();
      await pool.close({ cancel: true });
    });
    process.once('SIGTERM', shutdown);
    process.once('SIGINT', shutdown);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`starttls-bot: ${err.message}\n`);
    process.exit(1);
  }
}

/** Stop taking work, let runs under way be recorded, then exit; a stuck step cannot keep the process alive. */
function once(stop: () => Promise<void>): () => void {
  let stopping = false;
  return () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(1), 10_000).unref();
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
}

void main();
