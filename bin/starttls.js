#!/usr/bin/env node
'use strict';
require('../dist/cli/start.js').start(process.argv.slice(2));
