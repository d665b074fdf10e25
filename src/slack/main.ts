import { config as loadDotenv } from 'dotenv';
import { CheckPool } from '../execution/check-pool';
import { sharedDestinationLimit } from '../execution/shared-destination-limit';
import { BotMetrics } from '../metrics/bot-metrics';
import { startOpsServer } from '../metrics/ops-server';
import { storeGauges } from '../storage/ops-gauges';
import { openStore } from '../storage/open-store';
import { loadConfig } from './config';
import { ConfigError } from '../config-error';
import { createApp } from './create-app';
import { botProcessLogger } from './logger';
import { SlackAuthError } from './slack-connection';
import { sharedStateOf, startHousekeeping, watchStoreOf } from './store-wiring';
import { watchRuntime } from './watch-wiring';
import { loadWatchConfig } from '../watch/watch-config';

/** Checks of one mail host at once across every replica (the pool's default within one). */
const PER_DESTINATION = 2;

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  try {
    const config = loadConfig(process.env);
    const watchConfig = loadWatchConfig(process.env);
    const logger = botProcessLogger(config, { secrets: [databasePassword(watchConfig.databaseUrl)] });
    // SQLite in the data directory, or the PostgreSQL every replica shares; migrated (under a lock) before anything runs.
    const store = await openStore({ dataDir: watchConfig.dataDir, ...(watchConfig.databaseUrl ? { databaseUrl: watchConfig.databaseUrl } : {}) }).catch((err: Error) => {
      throw new ConfigError('CONFIG_INVALID', watchConfig.databaseUrl ? 'DATABASE_URL' : 'STARTTLS_DATA_DIR', `cannot open the store: ${err.message}`);
    });
    logger.info('store opened', { backend: store.backend });
    // Probes run in worker threads so acknowledgements never wait behind certificate parsing.
    const pool = new CheckPool();
    const metrics = new BotMetrics({ replica: config.replicaId, pool, store: storeGauges(store) });
    // Replicas share the per-host politeness through the store; one SQLite process has the pool's own limit.
    const polite = store.backend === 'postgres' ? sharedDestinationLimit(pool.check, store.destinationSlots, { perDestination: PER_DESTINATION }) : pool.check;
    const checker = metrics.instrument(polite);
    const watching = watchRuntime(config, watchConfig, watchStoreOf(store), checker, logger, metrics.observeWebApi);
    const bot = createApp({ config, checker, logger, watches: watching.service, shared: sharedStateOf(store), metrics, readiness: [{ name: 'store', check: () => store.ping() }], onFatal: (err) => exitWith(err.message) });
    metrics.trackReadiness(bot.ops.readiness);
    const ops = config.metricsPort === undefined ? undefined : await startOpsServer(bot.ops, config.metricsPort, config.host);
    if (ops) logger.info('serving /healthz, /readyz and /metrics', { metricsPort: ops.port });
    const stopHousekeeping = startHousekeeping(store, logger);
    const shutdown = once(async () => {
      stopHousekeeping();
      await bot.stop();
      await watching.stop();
      await pool.close({ cancel: true });
      await ops?.close();
      await store.close();
    });
    process.once('SIGTERM', shutdown);
    process.once('SIGINT', shutdown);
    const { connected } = await bot.start();
    if (connected) await watching.start();
  } catch (err) {
    if (!(err instanceof ConfigError || err instanceof SlackAuthError)) throw err;
    exitWith(err.message);
  }
}

function exitWith(message: string): never {
  process.stderr.write(`starttls-bot: ${message}\n`);
  process.exit(1);
}

/** The password in DATABASE_URL, kept out of the logs like the tokens. */
function databasePassword(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
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
