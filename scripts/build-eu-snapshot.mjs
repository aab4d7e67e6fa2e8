#!/usr/bin/env node
/**
 * Builds public/trust/eu-snapshot.json: the EU trusted-list index a fresh install starts from, before
 * its first refresh reaches the Commission (issue 4: "A bundled snapshot seeds a fresh install").
 * It is compiled by the same code as a refresh (lib/trust/eu/compile.ts): the LOTL is checked
 * against the pinned signers (public/trust/eu-lotl-signers.json), each national list against the
 * certificates the LOTL announces for it; a list that fails is left out and named in `problems`.
 * Lists the LOTL announces but the input lacks are named in `problems` too, so a verification that
 * needs one says "not in the bundled snapshot" until the first refresh.
 *
 * Usage: node scripts/build-eu-snapshot.mjs [dir]   (dir holds eu-lotl.xml and <CC>/TSL_<CC>.xml;
 *        default: the copies in ../shared/vectors/eu-trusted-lists)
 */
import { readdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { dirname, join, resolve, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = resolve(process.argv[2] ?? join(ROOT, '../shared/vectors/eu-trusted-lists'));
const lotlFile = join(dir, 'eu-lotl.xml');
if (!existsSync(lotlFile)) {
  console.error(`no eu-lotl.xml in ${dir}`);
  process.exit(2);
}

// The compiler is TypeScript: bundle it once into a temporary module.
// Inside node_modules so that the bundle's external packages resolve.
const tmp = mkdtempSync(join(ROOT, 'node_modules/.credlens-eu-snapshot-'));
const entry = join(tmp, 'compile.mjs');
await build({
  entryPoints: [join(ROOT, 'lib/trust/eu/compile.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: entry,
  packages: 'external',
  logLevel: 'warning',
});
const { compileEuTrustIndex } = await import(pathToFileURL(entry).href);
rmSync(tmp, { recursive: true, force: true });

const pinned = JSON.parse(readFileSync(join(ROOT, 'public/trust/eu-lotl-signers.json'), 'utf8'));
const read = (file) => readFileSync(file, 'utf8');
const lotlXml = read(lotlFile);
const lists = [];
for (const cc of readdirSync(dir, { withFileTypes: true })) {
  if (!cc.isDirectory() || !/^[A-Z]{2}$/.test(cc.name)) continue;
  for (const f of readdirSync(join(dir, cc.name))) {
    if (f.endsWith('.xml')) lists.push(join(dir, cc.name, f));
  }
}
// The snapshot's clock: the newest issue date among its lists (signatures and certificates are
// judged as of then, reproducibly), never the build machine's clock.
const issued = [lotlXml, ...lists.map(read)]
  .map((x) => /<(?:\w+:)?ListIssueDateTime>([^<]+)</.exec(x)?.[1])
  .filter(Boolean)
  .map((s) => new Date(s.trim()))
  .filter((d) => !Number.isNaN(d.getTime()));
const now = new Date(Math.max(...issued.map((d) => d.getTime())));
const fetchedAt = now.toISOString();
const name = (file) => `bundled snapshot: ${relative(dir, file)}`;

const index = await compileEuTrustIndex({
  lotl: { xml: lotlXml, source: name(lotlFile), fetchedAt },
  lists: lists.map((f) => ({ xml: read(f), source: name(f), fetchedAt })),
  pinnedLotlSigners: pinned.certificates.map((c) => c.der),
  now,
});
if (!index.lotl) {
  console.error(`the LOTL in ${dir} was not accepted: ${index.problems.map((p) => p.reason).join('; ')}`);
  process.exit(1);
}
const have = new Set(index.lists.map((l) => l.country));
for (const p of index.pointers) {
  if (!have.has(p.country) && !index.problems.some((q) => q.country === p.country)) {
    index.problems.push({
      country: p.country,
      source: p.location,
      reason: `the ${p.country} trusted list is not in the bundled snapshot; it is fetched at the first refresh`,
    });
  }
}
const out = join(ROOT, 'public/trust/eu-snapshot.json');
writeFileSync(out, `${JSON.stringify(index)}\n`);
console.log(
  `wrote ${relative(ROOT, out)}: LOTL ${index.lotl.sequence} of ${index.lotl.issued}; national lists ${[...have].sort().join(', ')} (${index.services.length} services); ` +
    `${index.problems.length} lists not included; ${(JSON.stringify(index).length / 1024).toFixed(0)} KiB`,
);
