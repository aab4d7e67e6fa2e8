#!/usr/bin/env node
// Writes lib/detect/link-needles.ts: the content script's link pre-check, computed from the
// platform rules (linkNeedleSource in lib/detect/classify-link.ts) so the page never loads the
// rules themselves. tests/unit/link-needles.test.ts fails when the file is out of date.
//   node scripts/gen-link-needles.mjs [--check]
import { writeFileSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'lib/detect/link-needles.ts');

const bundled = await build({
  entryPoints: [join(ROOT, 'lib/detect/link-needles-source.ts')],
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'node',
  logLevel: 'error',
});
const mod = await import(`data:text/javascript;base64,${Buffer.from(bundled.outputFiles[0].text).toString('base64')}`);
const text = mod.linkNeedlesModule();
if (process.argv.includes('--check')) {
  const same = readFileSync(OUT, 'utf8') === text;
  console.log(same ? 'lib/detect/link-needles.ts is up to date.' : 'lib/detect/link-needles.ts is out of date: run node scripts/gen-link-needles.mjs');
  process.exit(same ? 0 : 1);
}
writeFileSync(OUT, text);
console.log(`wrote ${OUT}`);
