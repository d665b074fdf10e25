import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { loadWithCodeCache } from './code-cache';
import { EXIT } from './exit-status';

/**
 * What bin/starttls.js runs: the command line from its bundle (dist/cli/bundle.js, all of the CLI's
 * modules in one file, made by scripts/bundle-cli.js after tsc), compiled through a code cache in
 * the user's cache directory. One file and cached code instead of resolving, reading and compiling
 * about 130 modules: start-up is part of every probe (docs/performance.md, "CLI start-up").
 */
export function start(argv: string[]): void {
  const cli = loadWithCodeCache(join(__dirname, 'bundle.js'), cacheFile(argv, process.env));
  process.once('exit', (code) => {
    // A run that stopped at a usage error compiled little of its command: a run that did its work
    // writes the cache, or `starttls probe` typed bare once would slow every later probe.
    if (code !== EXIT.unknown) cli.save();
  });
  (cli.exports as typeof import('./main')).main(argv);
}

/**
 * One cache per command and Node version: a cache holds what its first run compiled, so `--help`
 * run first must not leave probes with a cache of the help text.
 */
export function cacheFile(argv: string[], env: NodeJS.ProcessEnv): string {
  const command = argv[0] === 'probe' || argv[0] === 'analyze' ? argv[0] : 'other';
  return join(cacheHome(env), 'starttls', `cli-${command}-node${process.versions.node}-${process.arch}.v8cache`);
}

/** $XDG_CACHE_HOME when set to an absolute path (the XDG base directory rules), else ~/.cache. */
function cacheHome(env: NodeJS.ProcessEnv): string {
  const xdg = env.XDG_CACHE_HOME;
  return xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.cache');
}
