import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { WorkerFileMissingError } from './errors';

/**
 * Worker threads run compiled JavaScript: beside this module in dist/, or, when
 * this module is the TypeScript source (ts-jest, ts-node), from the dist/ build.
 */
export function defaultWorkerFile(): string {
  const candidates = [
    path.join(__dirname, 'check-worker.js'),
    path.resolve(__dirname, '..', '..', 'dist', 'execution', 'check-worker.js'),
  ];
  const found = candidates.find((file) => existsSync(file));
  if (!found) throw new WorkerFileMissingError(candidates);
  return found;
}
