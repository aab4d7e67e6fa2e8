#!/usr/bin/env node
// The `credlens` command: runs the built CLI (no TypeScript loader at run time).
import { existsSync } from 'node:fs';

const built = new URL('../dist/cli.mjs', import.meta.url);
if (!existsSync(built)) {
  process.stderr.write('credlens: the CLI is not built yet; run `npm run build:cli` (or `npm run build`) first.\n');
  process.exit(2);
}
await import(built.href);
