// npm test: lint, typecheck, build the web app, then every test (unit, integration on
// PGlite and PostgreSQL, end-to-end in Chromium). Ends with one "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function run(label, command, args) {
  console.log(`\n── ${label} ──`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n${label} failed`);
    process.exit(result.status ?? 1);
  }
}

run('lint', 'npx', ['eslint', '.']);
run('format', 'npx', ['prettier', '--check', '.']);
run('typecheck', 'npx', ['tsc', '-p', 'server']);
run('typecheck web', 'npx', ['tsc', '-p', 'web']);
run('typecheck e2e', 'npx', ['tsc', '-p', 'e2e']);
run('build web', 'node', ['scripts/build-web.mjs']);

const report = join(mkdtempSync(join(tmpdir(), 'zhili-test-report-')), 'report.json');
const vitest = spawnSync(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
try {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = results.numPendingTests + results.numTodoTests;
  if (!results.success && results.numFailedTests === 0)
    console.log('\nVitest reported errors outside the tests (see "Unhandled Errors" above).');
  console.log(`\n${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
} catch {
  console.log('\n0 passed, 1 failed');
}
process.exit(vitest.status ?? 1);
