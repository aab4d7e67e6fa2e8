#!/usr/bin/env node
// `npm run fuzz`: the seeded, time-bounded fuzz harness of tests/fuzz/harness.ts over every format,
// with its crash, hang and silent-pass oracles. The harness runs in a child process; this runner
// is its watchdog: an input that stops the process answering (a synchronous loop no timer can
// interrupt) is reported as a hang with the input that caused it.
//   npm run fuzz -- --seed 42 --seconds 300
// Findings (the inputs themselves, to replay) go to tests/.scratch/fuzz-findings.json. Exit 1 on any.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: String(Date.now() % 2 ** 31) },
    seconds: { type: 'string', default: '60' },
    'per-input-ms': { type: 'string', default: '10000' },
    'stall-ms': { type: 'string', default: '30000' },
  },
});
const scratch = join(ROOT, 'tests/.scratch');
mkdirSync(scratch, { recursive: true });
const bundle = join(scratch, 'fuzz.mjs');
await build({
  entryPoints: [join(ROOT, 'tests/fuzz/main.ts')],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning',
});

console.log(`fuzz: seed ${values.seed}, ${values.seconds} s (replay with --seed ${values.seed})`);
const child = spawn(
  process.execPath,
  [bundle, '--seed', values.seed, '--seconds', values.seconds, '--per-input-ms', values['per-input-ms']],
  {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
let last = '(none yet)';
let stats;
let heard = Date.now();
let buffered = '';
child.stdout.on('data', (chunk) => {
  heard = Date.now();
  buffered += chunk;
  let nl;
  while ((nl = buffered.indexOf('\n')) >= 0) {
    const line = buffered.slice(0, nl);
    buffered = buffered.slice(nl + 1);
    if (line.startsWith('@@input ')) last = line.slice(8);
    else if (line.startsWith('@@stats ')) stats = JSON.parse(line.slice(8));
    else console.log(line);
  }
});
const stall = Number(values['stall-ms']);
let hung = false;
const watchdog = setInterval(() => {
  if (Date.now() - heard > stall) {
    hung = true;
    child.kill('SIGKILL');
  }
}, 1000);
const code = await new Promise((res) => child.on('exit', (c) => res(c ?? 1)));
clearInterval(watchdog);

const findings = stats?.findings ?? [];
if (hung) findings.push({ oracle: 'hang', detail: `no answer for ${stall} ms`, last });
else if (!stats)
  findings.push({ oracle: 'crash', detail: `the fuzz process exited with ${code} and no result`, last });
const count = (o) => findings.filter((f) => f.oracle === o).length;
console.log(
  `inputs ${stats?.inputs ?? '?'} ${JSON.stringify(stats?.byKind ?? {})}; signed content changed in ${stats?.contentChanged ?? '?'}`,
);
console.log(`crashes ${count('crash')}, hangs ${count('hang')}, silent passes ${count('silent-pass')}`);
if (findings.length > 0) {
  const out = join(scratch, 'fuzz-findings.json');
  writeFileSync(out, JSON.stringify(findings, null, 1));
  for (const f of findings.slice(0, 20))
    console.log(
      `  ${f.oracle}: ${f.seed ?? ''} #${f.iteration ?? ''} [${f.mutation ?? last}] ${String(f.detail).slice(0, 200)}`,
    );
  console.log(`findings written to ${out}`);
  process.exit(1);
}
