// Runs the browser tests with node's built-in test runner and ends with one line
// "N passed, N failed"; exits non-zero when any test failed.
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import path from 'node:path';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
// `node run.mjs signals` runs only the files whose names contain "signals".
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.test.mjs') && (only.length === 0 || only.some((o) => f.includes(o))))
  .map((f) => path.join(here, f));
let passed = 0;
let failed = 0;
const stream = run({ files, concurrency: 1, timeout: 240000 });
stream.on('test:pass', (t) => { if (t.details?.type !== 'suite' && !t.skip) passed += 1; });
stream.on('test:fail', (t) => { if (t.details?.type !== 'suite') failed += 1; });
stream.compose(spec).pipe(process.stdout);
stream.on('end', () => {
  // Let the reporter flush first.
  setImmediate(() => {
    process.stdout.write(`${passed} passed, ${failed} failed\n`);
    process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
  });
});
