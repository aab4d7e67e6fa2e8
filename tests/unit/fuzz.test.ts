/**
 * The short fuzz run of CI (issue 14): the harness of `npm run fuzz` (tests/fuzz/harness.ts),
 * seeded and bounded by time. No crash, no hang, no silent pass.
 */
import { expect, it } from 'vitest';
import { runFuzz } from '../fuzz/harness';

const SECONDS = Number(process.env.CREDLENS_FUZZ_SECONDS ?? 12);
const SEED = Number(process.env.CREDLENS_FUZZ_SEED ?? 20261207);

it(`fuzz: seed ${SEED}, ${SECONDS} s, every format — no crash, hang or silent pass`, async () => {
  const stats = await runFuzz({ seed: SEED, seconds: SECONDS, perInputMs: 10_000 });
  const summary = `${stats.inputs} inputs (${JSON.stringify(stats.byKind)}), signed content changed in ${stats.contentChanged}; crashes ${stats.crashes}, hangs ${stats.hangs}, silent passes ${stats.silentPasses}`;
  console.log(`fuzz: ${summary}`);
  expect(
    stats.findings.map(
      (f) => `${f.oracle} ${f.seed} #${f.iteration} [${f.mutation}]: ${f.detail.slice(0, 300)}`,
    ),
  ).toEqual([]);
  expect(stats.inputs).toBeGreaterThan(40);
  expect(stats.contentChanged).toBeGreaterThan(10);
}, 120_000);
