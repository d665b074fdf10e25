// Worker threads load compiled JavaScript from dist/, and bin/starttls.js the CLI's bundle made from
// it, so jest builds both once per run (what `npm run build` does).
// Type errors are printed loudly but do not stop the run: tsc still emits (exit status 2), and
// `npm test` type-checks on its own. A build that emits nothing fails every test that needs
// dist/ (test/helpers/dist-build.ts), while tests that never start a worker still run.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const EMITTED_WITH_TYPE_ERRORS = 2;

module.exports = function buildDist() {
  const root = path.resolve(__dirname, '..');
  const tsc = require.resolve('typescript/bin/tsc');
  const args = [tsc, '-p', 'tsconfig.build.json', '--incremental', '--tsBuildInfoFile', 'dist/.tsbuildinfo'];
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim() || String(result.error ?? '');
  delete process.env.STARTTLS_DIST_BUILD_ERROR;
  if (result.status !== 0 && result.status !== EMITTED_WITH_TYPE_ERRORS) {
    process.env.STARTTLS_DIST_BUILD_ERROR = output;
    process.stderr.write(`\njest global setup: BUILD FAILED (tsc -p tsconfig.build.json); tests that run worker threads will fail:\n${output}\n\n`);
    return;
  }
  if (result.status === EMITTED_WITH_TYPE_ERRORS) {
    process.stderr.write(`\njest global setup: dist/ built WITH TYPE ERRORS (tsc -p tsconfig.build.json):\n${output}\n\n`);
  }
  try {
    // Required here: a checkout whose node_modules predates esbuild fails the CLI tests, not the run.
    require('../scripts/bundle-cli').bundleCli();
  } catch (err) {
    const message = err.code === 'MODULE_NOT_FOUND' ? `${err.message}\n(npm ci installs esbuild, which builds the CLI's bundle)` : err.message;
    process.env.STARTTLS_DIST_BUILD_ERROR = message;
    process.stderr.write(`\njest global setup: BUNDLE FAILED (scripts/bundle-cli.js); CLI tests will fail:\n${message}\n\n`);
  }
};
