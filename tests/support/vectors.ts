/** Locates ../shared/vectors (read in place, never copied). A missing corpus fails loudly. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Absolute path of the shared vectors folder (override with CREDLENS_VECTORS). */
export const VECTORS_DIR = process.env.CREDLENS_VECTORS ?? resolve(repoRoot, '../shared/vectors');

if (!existsSync(resolve(VECTORS_DIR, 'MANIFEST.md'))) {
  throw new Error(
    `Test vectors not found at ${VECTORS_DIR}. The tests read ../shared/vectors in place; ` +
      'check out the repository beside shared/ or set CREDLENS_VECTORS.',
  );
}

/** Absolute path of a file inside the vectors folder. */
export function vectorPath(rel: string): string {
  return resolve(VECTORS_DIR, rel);
}

/** Bytes of a vector file. */
export function readVector(rel: string): Uint8Array {
  return new Uint8Array(readFileSync(vectorPath(rel)));
}

/** Text of a vector file. */
export function readVectorText(rel: string): string {
  return readFileSync(vectorPath(rel), 'utf8');
}

export { repoRoot };
