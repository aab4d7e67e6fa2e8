/** Shared test helpers for the EDC / trusted-list tests: vector paths, a compiled EU index (once per file). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import pinned from '../../public/trust/eu-lotl-signers.json';
import { compileEuTrustIndex } from '../../lib/trust/eu/compile';
import type { EuTrustIndex } from '../../lib/trust/eu/types';

export const VECTORS = resolve(__dirname, '../../../shared/vectors');
export const ELM = resolve(VECTORS, 'ec-european-learning-model/Credentials/JSON-LD Examples (ELM v3)');
export const TL = resolve(VECTORS, 'eu-trusted-lists');
export const PINNED: string[] = pinned.certificates.map((c) => c.der);

/** Reads a vector file as UTF-8 text (in place; never copied into the repo). */
export function vector(...parts: string[]): string {
  return readFileSync(resolve(VECTORS, ...parts), 'utf8');
}

/** Compiles the LOTL and the given national lists from the vectors. */
export function compileVectors(
  countries: string[],
  now = new Date('2026-11-01T00:00:00Z'),
): Promise<EuTrustIndex> {
  return compileEuTrustIndex({
    lotl: {
      xml: vector('eu-trusted-lists/eu-lotl.xml'),
      source: 'eu-lotl.xml',
      fetchedAt: now.toISOString(),
    },
    lists: countries.map((c) => ({
      xml: vector(`eu-trusted-lists/${c}/TSL_${c}.xml`),
      source: `TSL_${c}.xml`,
      fetchedAt: now.toISOString(),
    })),
    pinnedLotlSigners: PINNED,
    now,
  });
}
