// Bundles cli/ + lib/ into dist/cli.mjs with esbuild (npm packages stay external, loaded from node_modules).
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: ['cli/bin.ts'],
  outfile: 'dist/cli.mjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  define: { CREDLENS_VERSION: JSON.stringify(version) },
  logLevel: 'warning',
});
console.log('built dist/cli.mjs');
