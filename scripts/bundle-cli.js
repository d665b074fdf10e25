#!/usr/bin/env node
// Bundles the compiled CLI (dist/cli/main.js and everything it loads, dependencies included) into
// dist/cli/bundle.js, which bin/starttls.js runs through a code cache (src/cli/start.ts). Run after
// tsc: `npm run build` and jest's global setup do both. Not minified: stack traces stay readable.
'use strict';
const path = require('node:path');
const { buildSync } = require('esbuild');

const root = path.resolve(__dirname, '..');

function bundleCli() {
  buildSync({
    entryPoints: [path.join(root, 'dist', 'cli', 'main.js')],
    outfile: path.join(root, 'dist', 'cli', 'bundle.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // piscina starts its threads from a worker.js beside its own module; undici (a megabyte) serves
    // only --mx's HTTPS fetches: both are required from node_modules when used.
    external: ['piscina', 'undici'],
    logLevel: 'warning',
  });
}

if (require.main === module) bundleCli();
module.exports = { bundleCli };
