/** The DEQAR snapshot bundled with CredLens (built by scripts/deqar-snapshot.mjs), validated like any other input. */
import type { TrustDataVersion } from '../model/report';
import snapshot from './deqar-snapshot.json';
import { parseDeqarSnapshot, type DeqarIndex } from './deqar';
import type { QaRegisters } from './registers';

let memo: DeqarIndex | null | undefined;

/** The bundled DEQAR index; undefined only if the bundled file is broken (then QA stays at the claimed level). */
export function bundledDeqarIndex(): DeqarIndex | undefined {
  if (memo === undefined) {
    const parsed = parseDeqarSnapshot(snapshot as unknown);
    memo = parsed.ok ? parsed.index : null;
  }
  return memo ?? undefined;
}

/** Registers used when the trust store supplies none: the bundled DEQAR snapshot. */
export function defaultQaRegisters(): QaRegisters {
  const deqar = bundledDeqarIndex();
  return deqar === undefined ? {} : { deqar, deqarLabel: `DEQAR snapshot of ${deqar.generatedAt.slice(0, 10)} (bundled)` };
}

/** How a report cites the QA data it used. */
export function qaDataVersions(registers: QaRegisters): TrustDataVersion[] {
  const out: TrustDataVersion[] = [];
  if (registers.deqar) out.push({ sourceId: 'deqar', label: registers.deqarLabel ?? 'DEQAR', version: registers.deqar.generatedAt });
  if (registers.accreditations?.length) out.push({ sourceId: 'accreditations', label: 'Accreditation records', version: `${registers.accreditations.length} records` });
  return out;
}
