#!/usr/bin/env node
// `npm run bench`: both benchmarks, one after the other. They print numbers and assert nothing.
//   1. scripts/bench-vc.mjs — VC verification speed, CredLens vs @digitalbazaar/vc (issue 3)
//   2. scripts/bench.mjs    — content-script budget in Chromium (issue 6); needs the built
//      extension in .output/chrome-mv3: built here with `wxt build` when it is missing (an existing
//      build is used as it is: run `npm run build:ext` first after changing the extension).
// One of them, with its own options:
//   npm run bench -- vc --runs 20 --cold 5      (same as node scripts/bench-vc.mjs --runs 20 --cold 5)
//   npm run bench -- content --runs 3           (same as node scripts/bench.mjs --runs 3)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [which, ...rest] = process.argv.slice(2);
if (which !== undefined && which !== 'vc' && which !== 'content') {
  console.error('usage: npm run bench [-- vc|content [options of that benchmark]]');
  process.exit(2);
}

const run = (cmd, args) => spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' }).status ?? 1;

let status = 0;
if (which === undefined || which === 'vc') {
  status ||= run(process.execPath, [join(ROOT, 'scripts/bench-vc.mjs'), ...rest]);
}
if (which === undefined || which === 'content') {
  if (which === undefined) console.log('');
  if (!existsSync(join(ROOT, '.output/chrome-mv3/manifest.json'))) {
    console.log(
      'No built extension in .output/chrome-mv3: building it now (wxt build) for the content-script benchmark.',
    );
    const built = run('npx', ['wxt', 'build']);
    if (built !== 0) {
      console.error('The extension build failed: run `npm run build:ext` and then `node scripts/bench.mjs`.');
      process.exit(built);
    }
  }
  status ||= run(process.execPath, [join(ROOT, 'scripts/bench.mjs'), ...rest]);
}
process.exit(status);
