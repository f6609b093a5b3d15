// Skill-level certificate numbers (职业技能等级证书编号), 22 characters, as evaluation organisations issue them:
//
//   S 1234 33 000567 26 3 000089
//   │ │    │  │      │  │ └ serial (6 digits)
//   │ │    │  │      │  └ level 1–5 (一级/高级技师 … 五级/初级工)
//   │ │    │  │      └ year (2 digits)
//   │ │    │  └ evaluation site (6 digits)
//   │ │    └ province (2 digits: a province-level division code)
//   │ └ evaluation agency (4 digits)
//   └ Y: an employer (用人单位) evaluates its own staff; S: a social training and evaluation organisation (社会培训评价组织)
//
// The number carries no check character, so validation is by structure and by the province being real.

export type SkillNumberParts = {
  kind: 'Y' | 'S';
  agency: string;
  province: string;
  site: string;
  year: number;
  level: number;
  serial: string;
};

export type SkillNumberProblem = 'length' | 'kind' | 'characters' | 'province' | 'level';

/** Province-level division codes (GB/T 2260): the first two digits of every region code. */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

export function validateSkillNumber(
  input: string,
  provinces: ReadonlySet<string> = PROVINCE_CODES,
): { ok: true; parts: SkillNumberParts } | { ok: false; problem: SkillNumberProblem } {
  if (input.length !== 22) return { ok: false, problem: 'length' };
  const kind = input.charAt(0);
  if (kind !== 'Y' && kind !== 'S') return { ok: false, problem: 'kind' };
  if (!/^\d{21}$/.test(input.slice(1))) return { ok: false, problem: 'characters' };
  const province = input.slice(5, 7);
  if (!provinces.has(province)) return { ok: false, problem: 'province' };
  const level = Number(input.charAt(15));
  if (level < 1 || level > 5) return { ok: false, problem: 'level' };
  return {
    ok: true,
    parts: {
      kind,
      agency: input.slice(1, 5),
      province,
      site: input.slice(7, 13),
      year: Number(input.slice(13, 15)),
      level,
      serial: input.slice(16, 22),
    },
  };
}
