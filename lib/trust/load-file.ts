/**
 * Trust files the CLI accepts besides an organisation list (`--trust FILE`): a DCC `dcc-legacy`
 * registry.json (`{meta, registry}`) and a DEQAR snapshot (`credlens-deqar-snapshot/1`).
 * Returns null when the JSON is neither (the caller then reads it as an organisation list).
 */
import { parseDeqarSnapshot } from '../qa/deqar';
import { createDccLegacySource, parseDccLegacyRegistry } from './registry-dcc';
import type { TrustSource } from './source';

export function trustSourceFromJson(json: unknown, file: string): { ok: true; source: TrustSource } | { ok: false; error: string } | null {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  const doc = json as Record<string, unknown>;
  if (doc['registry'] !== undefined) {
    const parsed = parseDccLegacyRegistry(json);
    if (!parsed.ok) return parsed;
    const version = parsed.data.updated?.slice(0, 10);
    const src = createDccLegacySource(parsed.data, { id: `file:${file}`, label: `issuer registry ${file}` });
    return { ok: true, source: version === undefined ? src : { ...src, version } };
  }
  if (doc['format'] !== undefined && String(doc['format']).startsWith('credlens-deqar-snapshot')) {
    const parsed = parseDeqarSnapshot(json);
    if (!parsed.ok) return parsed;
    const label = `DEQAR snapshot ${file} (${parsed.index.generatedAt.slice(0, 10)})`;
    return { ok: true, source: { id: `file:${file}`, label, lookup: () => [], version: parsed.index.generatedAt.slice(0, 10), qaRegisters: { deqar: parsed.index, deqarLabel: label } } };
  }
  return null;
}
