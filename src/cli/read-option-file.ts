import { readFileSync } from 'node:fs';
import { UsageError } from './usage-error';

/** The text of a file an option names; an unreadable one is bad usage, named with its errno code. */
export function readOptionFile(flag: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${flag} ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}
