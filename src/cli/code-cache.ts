import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';
import { crc32 } from 'node:zlib';

/** A CommonJS file run through a V8 code cache. */
export interface CodeCached {
  exports: unknown;
  /** V8 took the compiled code from the cache file. */
  hit: boolean;
  /** After a miss, writes what this process compiled (call it late: at exit); does nothing after a hit. */
  save(): void;
}

// A cache file starts with the CRC-32 of the source it was made from, as Node 22's compile cache
// does: V8 checks its own version and flags, but of the source only the length.
const HEADER_BYTES = 4;

/**
 * Runs one CommonJS file (the CLI's bundle) with a V8 code cache, Node 20 having no
 * `module.enableCompileCache`. The cache is made after the run (`createCachedData` at exit), so it
 * holds every function the run compiled, not only the top level as v8-compile-cache's does. A cache
 * is only a shortcut: one that is missing, stale, rejected or unwritable is compiled around and
 * rewritten when it can be, never an error.
 */
export function loadWithCodeCache(file: string, cacheFile: string): CodeCached {
  const source = readFileSync(file);
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32BE(crc32(source));
  const cached = readCache(cacheFile, header);
  const script = new Script(wrap(source.toString('utf8')), { filename: file, cachedData: cached });
  const hit = cached !== undefined && !script.cachedDataRejected;
  const module = { exports: {} as unknown };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return { exports: module.exports, hit, save: hit ? () => undefined : () => writeCache(cacheFile, header, script) };
}

/** The CommonJS wrapper, as Node's loader gives it to every module. */
function wrap(source: string): string {
  return `(function (exports, require, module, __filename, __dirname) { ${source}\n})`;
}

function readCache(cacheFile: string, header: Buffer): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(cacheFile, 'r');
    if (!ownedByUs(fd)) return undefined;
    const data = readFileSync(fd);
    return data.length > HEADER_BYTES && data.subarray(0, HEADER_BYTES).equals(header) ? data.subarray(HEADER_BYTES) : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * A code cache is code: run only one this user wrote and no one else may change (under
 * `sudo` with the caller's HOME, the caller's ~/.cache is not root's to trust).
 */
function ownedByUs(fd: number): boolean {
  // Windows has neither owners nor mode bits here; the cache is in the user's own profile there.
  if (process.getuid === undefined) return true;
  const stat = fstatSync(fd);
  return stat.uid === process.getuid() && (stat.mode & 0o022) === 0;
}

function writeCache(cacheFile: string, header: Buffer, script: Script): void {
  // Written beside, then renamed: a process starting meanwhile reads the old file or the new one.
  const partial = `${cacheFile}.${process.pid}.partial`;
  try {
    mkdirSync(dirname(cacheFile), { recursive: true, mode: 0o700 });
    // Opened before the cache is made: where nothing can be written, making it (~10 ms) is skipped.
    const fd = openSync(partial, 'w', 0o600);
    try {
      writeFileSync(fd, Buffer.concat([header, script.createCachedData()]));
    } finally {
      closeSync(fd);
    }
    renameSync(partial, cacheFile);
  } catch {
    try {
      rmSync(partial, { force: true });
    } catch {
      // Nothing was written where nothing could be.
    }
  }
}
