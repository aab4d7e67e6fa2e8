// Prints the closing line of a full test run from the Vitest (unit, Firefox) and Playwright JSON reports:
// "total: N passed, N failed" (and exits non-zero when anything failed or nothing ran).
import { existsSync, readFileSync } from 'node:fs';

function read(path) {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}

let passed = 0;
let failed = 0;
let skipped = 0;
/** Adds a Vitest JSON report (unit tests; the Firefox end-to-end tests of tests/firefox). */
function addVitest(name, path) {
  const report = read(path);
  if (!report) return;
  // A file that fails outside its tests (e.g. Firefox did not start) fails no test: count the file.
  const failures = Math.max(report.numFailedTests, report.numFailedTestSuites ?? 0);
  passed += report.numPassedTests;
  failed += failures;
  skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  console.log(`${name}: ${report.numPassedTests} passed, ${failures} failed`);
}
addVitest('unit', 'test-results/unit.json');
const e2e = read('test-results/e2e.json');
if (e2e) {
  const { expected = 0, unexpected = 0, flaky = 0, skipped: s = 0 } = e2e.stats ?? {};
  passed += expected + flaky;
  failed += unexpected;
  skipped += s;
  console.log(`e2e: ${expected + flaky} passed, ${unexpected} failed`);
}
addVitest('firefox', 'test-results/firefox.json');
console.log(`total: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
