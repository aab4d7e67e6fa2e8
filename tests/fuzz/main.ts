/**
 * The fuzz process that scripts/fuzz.mjs starts (bundled by esbuild): runs the harness and
 * reports on stdout, one line per input ("@@input …", the runner's heartbeat) and the result
 * ("@@stats {json}"). Arguments: --seed N --seconds S --per-input-ms M.
 */
import { parseArgs } from 'node:util';
import { runFuzz } from './harness';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: String(Date.now() % 2 ** 31) },
    seconds: { type: 'string', default: '60' },
    'per-input-ms': { type: 'string', default: '10000' },
  },
});
const stats = await runFuzz({
  seed: Number(values.seed),
  seconds: Number(values.seconds),
  perInputMs: Number(values['per-input-ms']),
  onInput: (i, seed, mutation) => process.stdout.write(`@@input ${i}\t${seed}\t${mutation}\n`),
});
process.stdout.write(`@@stats ${JSON.stringify(stats)}\n`);
