#!/usr/bin/env node
// Builds the bundled DEQAR snapshot (lib/qa/deqar-snapshot.json, format credlens-deqar-snapshot/1)
// from DEQAR Web API v2 JSON answers: institution details (`/browse/institutions/{id}/` or
// `/by-identifier/...`) and report lists or details (`/browse/reports/...`).
//
//   node scripts/deqar-snapshot.mjs [--out FILE] [--generated-at ISO] [FILE_OR_DIR ...]
//
// Without inputs it reads the public documentation examples in ../shared/vectors/registries/deqar
// (a missing directory fails loudly). An organisation with a DEQAR API token can save answers for
// its own institutions and rebuild; the extension can also refresh from a hosted snapshot URL.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
let out = join(root, 'lib/qa/deqar-snapshot.json');
let generatedAt;
const inputs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--out') out = resolve(args[++i]);
  else if (args[i] === '--generated-at') generatedAt = args[++i];
  else inputs.push(resolve(args[i]));
}
const vectors = resolve(root, '../shared/vectors/registries/deqar/docs-examples');
if (inputs.length === 0) {
  if (!existsSync(vectors)) {
    console.error(`deqar-snapshot: ${vectors} is missing (../shared/vectors); give input files instead`);
    process.exit(2);
  }
  inputs.push(vectors);
}
const files = inputs.flatMap((p) => (statSync(p).isDirectory() ? readdirSync(p).map((f) => join(p, f)) : [p])).filter((f) => f.endsWith('.json'));

const institutions = new Map();
const inst = (id) => {
  if (!institutions.has(id)) institutions.set(id, { id, deqarId: `DEQARINST${String(id).padStart(4, '0')}`, name: '', identifiers: [], qfEhea: [], reports: [] });
  return institutions.get(id);
};
const addReport = (r) => {
  for (const i of r.institutions ?? []) {
    const target = inst(Number(i.id));
    if (i.deqar_id) target.deqarId = i.deqar_id;
    if (i.name_primary && !target.name) target.name = i.name_primary;
    if (i.website_link && !target.website) target.website = i.website_link;
    if (target.reports.some((x) => x.id === Number(r.id))) continue;
    target.reports.push({
      id: Number(r.id),
      agency: r.agency_acronym ?? r.agency_name ?? 'unknown agency',
      activity: r.agency_esg_activity_type ?? r.agency_esg_activity,
      validFrom: r.valid_from,
      ...(r.valid_to ? { validTo: r.valid_to } : {}),
      decision: r.decision ?? 'not applicable',
      status: r.status ?? 'unknown',
      flag: r.flag ?? 'none',
    });
  }
};
for (const file of files) {
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  if (Array.isArray(doc.results)) doc.results.forEach(addReport);
  else if (doc.valid_from && Array.isArray(doc.institutions)) addReport(doc);
  else if (doc.id !== undefined && Array.isArray(doc.identifiers)) {
    const target = inst(Number(doc.id));
    const name = doc.names?.[0];
    target.name = doc.name_primary ?? name?.name_english ?? name?.name_official ?? target.name;
    if (doc.deqar_id) target.deqarId = doc.deqar_id;
    if (doc.website_link) target.website = doc.website_link;
    const country = doc.countries?.[0]?.country?.iso_3166_alpha2;
    if (country) target.country = country;
    target.identifiers = doc.identifiers.filter((x) => x && x.resource && x.identifier && !x.identifier_valid_to).map((x) => ({ resource: x.resource, value: String(x.identifier).trim() }));
    target.qfEhea = (doc.qf_ehea_levels ?? []).filter((q) => !q.qf_ehea_level_valid_to).map((q) => q.qf_ehea_level);
  }
}
const snapshot = {
  format: 'credlens-deqar-snapshot/1',
  generatedAt: generatedAt ?? new Date().toISOString(),
  source: `DEQAR Web API v2 answers (${files.length} files${inputs[0] === vectors ? ', EQAR documentation examples' : ''})`,
  institutions: [...institutions.values()].filter((i) => i.name).sort((a, b) => a.id - b.id),
};
writeFileSync(out, `${JSON.stringify(snapshot, null, 1)}\n`);
console.log(`deqar-snapshot: ${snapshot.institutions.length} institutions, ${snapshot.institutions.reduce((n, i) => n + i.reports.length, 0)} reports → ${out}`);
