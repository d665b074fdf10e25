import { config as loadDotenv } from 'dotenv';
import { CheckPool } from '../execution/check-pool';
import { BotMetrics } from '../metrics/bot-metrics';
import { startOpsServer } from '../metrics/ops-server';
import { openDatabase } from '../storage/database';
import { sqlitePing, sqliteStoreGauges } from '../storage/ops-gauges';
import { loadConfig } from './config';
import { ConfigError } from './config-error';
import { createApp } from './create-app';
import { createLogger } from './logger';
import { SlackAuthError } from './slack-connection';
import { watchRuntime } from './watch-wiring';
import { loadWatchConfig } from '../watch/watch-config';

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  try {
    const config = loadConfig(process.env);
    const watchConfig = loadWatchConfig(process.env);
    // Probes run in worker threads so acknowledgements never wait behind certificate parsing.
    const pool = new CheckPool();
    const logger = createLogger({ level: config.logLevel, secrets: [config.botToken, config.signingSecret, config.appToken].filter((s): s is string => s !== undefined), fields: { replica: config.replicaId } });
    const db = openDatabase(watchConfig.dataDir);
    const metrics = new BotMetrics({ replica: config.replicaId, pool, store: sqliteStoreGauges(db) });
    const checker = metrics.instrument(pool.check);
    const watching = watchRuntime(config, watchConfig, checker, logger, db, metrics.observeWebApi);
    const bot = createApp({ config, checker, watches: watching.service, metrics, readiness: [{ name: 'store', check: sqlitePing(db) }], onFatal: (err) => exitWith(err.message) });
    metrics.trackReadiness(bot.ops.readiness);
    const ops = config.metricsPort === undefined ? undefined : await startOpsServer(bot.ops, config.metricsPort, config.host);
    if (ops) logger.info('serving /healthz, /readyz and /metrics', { metricsPort: ops.port });
    const shutdown = once(async () => {
      await bot.stop();
      await watching.stop();
      await pool.close({ cancel: true });
      await ops?.close();
    });
    process.once('SIGTERM', shutdown);
    process.once('SIGINT', shutdown);
    const { connected } = await bot.start();
    if (connected) watching.start();
  } catch (err) {
    if (!(err instanceof ConfigError || err instanceof SlackAuthError)) throw err;
    exitWith(err.message);
  }
}

function exitWith(message: string): never {
  process.stderr.write(`starttls-bot: ${message}\n`);
  process.exit(1);
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
