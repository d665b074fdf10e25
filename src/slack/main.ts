import { config as loadDotenv } from 'dotenv';
import { checkTarget } from '../check/check-target';
import { loadConfig } from './config';
import { ConfigError } from './config-error';
import { createApp } from './create-app';

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  try {
    const config = loadConfig(process.env);
    await createApp({ config, checker: checkTarget }).start();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`starttls-bot: ${err.message}\n`);
    process.exit(1);
  }
}

void main();
