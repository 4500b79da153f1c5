// One client, one search at a time: how long each of the generated directory queries takes, the
// mean by kind of query and the slowest ones. Where the time goes, not how much load the server
// takes (run.sh's search scenario measures that).
//
//   node bench/booking/search_each.mjs BASE_URL [QUERIES_FILE] [SLOWEST]
//
// BASE_URL is a running server on the generated data; QUERIES_FILE defaults to the full-scale
// SQLite data's queries.txt. Every query runs twice and the second run is timed (warm caches).
import { readFileSync } from 'node:fs';

const [base, file = 'bench/booking/out/data/full/sqlite/queries.txt', slowest = '15'] = process.argv.slice(2);
if (!base) {
  console.error('usage: node bench/booking/search_each.mjs BASE_URL [QUERIES_FILE] [SLOWEST]');
  process.exit(2);
}
const queries = readFileSync(file, 'utf8').trim().split('\n');
const kindOf = (q) =>
  q.includes('q=') ? 'name' : q.includes('specialty=') ? 'specialty' : q.includes('organisation=') ? 'organisation' : q.includes('region=') ? 'region' : 'other';

const timed = [];
for (let pass = 0; pass < 2; pass++) {
  for (const q of queries) {
    const started = performance.now();
    const res = await fetch(base + q);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${q}: HTTP ${res.status}`);
    if (pass === 1) timed.push({ ms: performance.now() - started, q });
  }
}
const total = timed.reduce((sum, t) => sum + t.ms, 0);
console.log(`mean ${(total / timed.length).toFixed(2)} ms over ${timed.length} queries`);
const kinds = new Map();
for (const t of timed) {
  const k = kinds.get(kindOf(t.q)) ?? { n: 0, ms: 0 };
  k.n++;
  k.ms += t.ms;
  kinds.set(kindOf(t.q), k);
}
for (const [kind, k] of kinds)
  console.log(`${kind}: ${k.n} queries, mean ${(k.ms / k.n).toFixed(2)} ms, ${((100 * k.ms) / total).toFixed(0)}% of the time`);
timed.sort((a, b) => b.ms - a.ms);
for (const t of timed.slice(0, Number(slowest))) console.log(`${t.ms.toFixed(1)} ms  ${decodeURIComponent(t.q)}`);
