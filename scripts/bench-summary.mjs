// Summarises the Google Benchmark results of scripts/bench (JSON files, one per benchmark
// program) as one table: figure, unit, value, baseline, ratio and target. The baseline is a
// figure of the same run: the scalar kernel for the Dice figures; the others have a target
// instead (from the issues) or stand alone.
// Usage: node scripts/bench-summary.mjs DIR
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const runs = new Map();
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  for (const b of JSON.parse(readFileSync(join(dir, file), 'utf8')).benchmarks ?? []) {
    if (b.run_type === 'aggregate' || b.error_occurred) continue;
    runs.set(b.name, b);
  }
}

const toSeconds = { ns: 1e-9, us: 1e-6, ms: 1e-3, s: 1 };
const find = (prefix) => {
  for (const [name, b] of runs) if (name === prefix || name.startsWith(prefix + '/')) return b;
  return undefined;
};
const seconds = (key) => (b) => b[key] * toSeconds[b.time_unit];
const perSecond = (scale) => (b) => b.items_per_second / scale;

const figures = [
  ['Dice, data in cache (AVX-512)', 'G pairs/s', 'BM_DiceInCache/1', perSecond(1e9), 'BM_DiceInCache/0', ''],
  ['Dice, 64 x 1 M records (AVX-512)', 'G pairs/s', 'BM_DiceAllPairs1M/1', perSecond(1e9), 'BM_DiceAllPairs1M/0', ''],
  ['linkage encoding, one thread', 'k rec/s', 'BM_EncodeRecords', perSecond(1e3), '', ''],
  ['dedup 1 M records, 2 threads', 's', 'BM_Dedup1MEndToEnd', seconds('real_time'), '', ''],
  ['generate 1 M registrations', 's', 'BM_GenerateMillionRecords', seconds('real_time'), '', '< 30'],
  ['MSE: every model of 6 lists (AIC)', 's', 'BM_SelectAllModelsSixLists/UKdat_aic', seconds('cpu_time'), '', ''],
  ['MSE: 1,000 bootstrap replicates', 's', 'BM_Bootstrap1000/UKdat', seconds('cpu_time'), '', ''],
  ['MSE: profile interval coverage', 'share', 'BM_Coverage200/profile', (b) => b.profile_coverage, '', '~ 0.95'],
  ['disclosure control, 342 rows', 's', 'BM_ProtectTable/342', seconds('cpu_time'), '', ''],
];

const pad = (s, n) => String(s).padEnd(n);
const num = (v) => (v === undefined ? '-' : v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(2) : v.toPrecision(3));
console.log(`| ${pad('figure', 34)} | ${pad('unit', 9)} | ${pad('value', 8)} | ${pad('baseline', 8)} | ${pad('ratio', 6)} | ${pad('target', 7)} |`);
console.log(`|${'-'.repeat(36)}|${'-'.repeat(11)}|${'-'.repeat(10)}|${'-'.repeat(10)}|${'-'.repeat(8)}|${'-'.repeat(9)}|`);
for (const [figure, unit, name, value, baselineName, target] of figures) {
  const b = find(name);
  if (!b) {
    console.log(`| ${pad(figure, 34)} | ${pad(unit, 9)} | ${pad('not run', 8)} | ${pad('', 8)} | ${pad('', 6)} | ${pad(target, 7)} |`);
    continue;
  }
  const v = value(b);
  const base = baselineName ? find(baselineName) : undefined;
  const bv = base ? value(base) : undefined;
  const ratio = bv ? (v / bv).toFixed(2) : '-';
  console.log(`| ${pad(figure, 34)} | ${pad(unit, 9)} | ${pad(num(v), 8)} | ${pad(num(bv), 8)} | ${pad(ratio, 6)} | ${pad(target, 7)} |`);
}
console.log('\nbaseline: the scalar Dice kernel in the same run; "not run": filtered out or skipped on this machine (e.g. no AVX-512)');
