import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheFile } from '../../src/cli/start';
import { assertDistBuilt } from '../helpers/dist-build';

const CODE_CACHE = join(__dirname, '..', '..', 'dist', 'cli', 'code-cache.js');

interface Load {
  hit: boolean;
  exports: unknown;
}

/**
 * loadWithCodeCache in a process of its own, as each CLI run is: within one process V8 reuses what
 * it compiled already and never looks at the cache. `save` saves at exit, as bin/starttls.js does.
 */
function load(file: string, cache: string, save = true, call?: unknown): Load {
  assertDistBuilt();
  const script = `
    const { loadWithCodeCache } = require(${JSON.stringify(CODE_CACHE)});
    const loaded = loadWithCodeCache(${JSON.stringify(file)}, ${JSON.stringify(cache)});
    if (${save}) process.once('exit', () => loaded.save());
    const exports = ${call === undefined ? 'loaded.exports' : `loaded.exports(${JSON.stringify(call)})`};
    process.stdout.write(JSON.stringify({ hit: loaded.hit, exports }));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as Load;
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'starttls-code-cache-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function moduleFile(name: string, source: string): string {
  const file = join(dir, name);
  writeFileSync(file, source);
  return file;
}

describe('loadWithCodeCache, each load a process of its own', () => {
  it('compiles without a cache, writes one on save, and the next load takes it', () => {
    const file = moduleFile('m.js', 'module.exports = (n) => 2 * n;');
    const cache = join(dir, 'cache', 'm.v8cache');
    expect(load(file, cache, true, 21)).toEqual({ hit: false, exports: 42 });
    expect(existsSync(cache)).toBe(true);
    expect(load(file, cache, true, 4)).toEqual({ hit: true, exports: 8 });
  });

  it('runs the file as a CommonJS module: module.exports, require relative to the file, __dirname, __filename', () => {
    moduleFile('sibling.js', 'module.exports = "from the sibling";');
    const file = moduleFile('main.js', 'module.exports = { sibling: require("./sibling"), dir: __dirname, file: __filename, os: typeof require("node:os").homedir };');
    expect(load(file, join(dir, 'main.v8cache')).exports).toEqual({ sibling: 'from the sibling', dir, file, os: 'function' });
  });

  it('never runs the cache of another source of the same length (V8 checks only the length)', () => {
    const cache = join(dir, 'm.v8cache');
    const file = moduleFile('m.js', 'module.exports = "old";');
    expect(load(file, cache)).toEqual({ hit: false, exports: 'old' });
    expect(load(file, cache)).toEqual({ hit: true, exports: 'old' });
    writeFileSync(file, 'module.exports = "new";');

    expect(load(file, cache)).toEqual({ hit: false, exports: 'new' });
    expect(load(file, cache)).toEqual({ hit: true, exports: 'new' });
  });

  it('compiles around a cache V8 rejects, and replaces it', () => {
    const file = moduleFile('m.js', 'module.exports = 7;');
    const cache = join(dir, 'm.v8cache');
    load(file, cache);
    const valid = readFileSync(cache);
    // The right header, then damaged code.
    writeFileSync(cache, Buffer.concat([valid.subarray(0, 4), Buffer.alloc(valid.length - 4, 0xab)]));

    expect(load(file, cache)).toEqual({ hit: false, exports: 7 });
    expect(load(file, cache)).toEqual({ hit: true, exports: 7 });
  });

  it('takes no cache that another user owns or that others may write: a cache is code', () => {
    const file = moduleFile('m.js', 'module.exports = 3;');
    const cache = join(dir, 'm.v8cache');
    load(file, cache);
    expect(load(file, cache, false).hit).toBe(true);
    chmodSync(cache, 0o622);
    expect(load(file, cache, false).hit).toBe(false);
    chmodSync(cache, 0o600);
    expect(load(file, cache, false).hit).toBe(true);
    if (process.getuid?.() === 0) {
      chownSync(cache, 4242, 4242);
      expect(load(file, cache, false)).toEqual({ hit: false, exports: 3 });
    }
  });

  it('where no cache can be written, runs all the same and save() neither throws nor leaves a partial file', () => {
    const file = moduleFile('m.js', 'module.exports = "ran";');
    const notADirectory = moduleFile('a-file', '');
    // save() runs at exit: a throw there would fail execFileSync.
    expect(load(file, join(notADirectory, 'starttls', 'm.v8cache'))).toEqual({ hit: false, exports: 'ran' });
    expect(readdirSync(dir).sort()).toEqual(['a-file', 'm.js']);
  });
});

describe('cacheFile', () => {
  it('is one file per command under $XDG_CACHE_HOME/starttls', () => {
    const env = { XDG_CACHE_HOME: '/var/cache/u' };
    expect(cacheFile(['probe', 'mx.test'], env)).toMatch(/^\/var\/cache\/u\/starttls\/cli-probe-node[\d.]+-\w+\.v8cache$/);
    expect(cacheFile(['analyze', 'x.txt'], env)).toContain('/starttls/cli-analyze-');
    expect(cacheFile(['--help'], env)).toContain('/starttls/cli-other-');
    expect(cacheFile([], env)).toContain('/starttls/cli-other-');
  });

  it('ignores a relative $XDG_CACHE_HOME, as the XDG rules say, and uses ~/.cache', () => {
    expect(cacheFile(['probe'], { XDG_CACHE_HOME: 'relative/dir' })).toMatch(/\/\.cache\/starttls\/cli-probe-/);
    expect(cacheFile(['probe'], {})).toMatch(/\/\.cache\/starttls\/cli-probe-/);
  });
});
