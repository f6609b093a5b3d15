// Administrative divisions of China (province / city / county), from the
// generated data file described in server/src/data/README.md.
import data from '../../data/divisions.json' with { type: 'json' };
import { isWithinRegion } from '../regions/index.js';

export type DivisionLevel = 'province' | 'city' | 'county';

export type Division = {
  readonly code: string;
  readonly name: string;
  readonly level: DivisionLevel;
  readonly parentCode: string | null;
};

type Row = [code: string, name: string, level: DivisionLevel, parentCode: string | null];

const byCode = new Map<string, Division>();
const childrenByParent = new Map<string | null, Division[]>();
const byLevel: Record<DivisionLevel, Division[]> = { province: [], city: [], county: [] };

for (const [code, name, level, parentCode] of data as unknown as Row[]) {
  const division: Division = Object.freeze({ code, name, level, parentCode });
  byCode.set(code, division);
  byLevel[level].push(division);
  const siblings = childrenByParent.get(parentCode);
  if (siblings) siblings.push(division);
  else childrenByParent.set(parentCode, [division]);
}
for (const list of [...childrenByParent.values(), ...Object.values(byLevel)]) {
  list.sort((a, b) => a.code.localeCompare(b.code));
  Object.freeze(list);
}

const CODE6 = /^\d{6}$/;

export function findDivision(code: string): Division | null {
  return byCode.get(code) ?? null;
}

/**
 * Level implied by the shape of a 6-digit code (xx0000 province, xxxx00 city,
 * otherwise county), whether or not the code is in the data; null if the code
 * is not 6 digits.
 */
export function divisionLevel(code: string): DivisionLevel | null {
  if (!CODE6.test(code) || code.startsWith('00')) return null;
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

/** The province that a code (of any level, known or not) belongs to. */
export function provinceOf(code: string): Division | null {
  if (!CODE6.test(code)) return null;
  return findDivision(code.slice(0, 2) + '0000');
}

/**
 * True when regionCode is ancestorCode itself or lies below it. Uses code
 * prefixes only, so it also works for codes missing from the data (e.g. the
 * abolished county codes found in older ID numbers).
 */
export function isInSubtree(regionCode: string, ancestorCode: string): boolean {
  if (divisionLevel(ancestorCode) === null || !CODE6.test(regionCode)) return false;
  return isWithinRegion(regionCode, ancestorCode);
}

/** Children of a division sorted by code; the provinces for null. */
export function childrenOf(code: string | null): readonly Division[] {
  return childrenByParent.get(code) ?? [];
}

/** Names from the province down to the division itself; [] if unknown. */
export function divisionPath(code: string): string[] {
  const names: string[] = [];
  for (let d = findDivision(code); d !== null; d = d.parentCode === null ? null : findDivision(d.parentCode)) {
    names.unshift(d.name);
  }
  return names;
}

/** All divisions of one level, sorted by code. */
export function listDivisions(level: DivisionLevel): readonly Division[] {
  return byLevel[level];
}
