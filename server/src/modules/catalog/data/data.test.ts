import { describe, expect, it } from 'vitest';
import { checkPolicy } from '../../policies/index.js';
import { COURSE_CATEGORIES } from './course-categories.js';
import { GENERAL_MODULES, MANDATORY_GENERAL_MODULE_CODES } from './general-modules.js';
import { NATIONAL_POLICY, REGIONAL_OVERRIDES } from './national-policy.js';
import {
  CLASSIFICATION_TOTALS,
  MAJOR_CATEGORIES,
  MEDIUM_CATEGORIES,
  OCCUPATIONS,
  SMALL_CATEGORIES,
  UNVERIFIED_OCCUPATIONS,
} from './occupation-classification.js';
import { SKILL_LEVELS } from './skill-levels.js';
import {
  HUNAN_MIN_HOURS,
  PROFESSIONAL_STANDARDS,
  SKILL_STANDARDS,
  occupationsWithoutStandards,
} from './skill-standards.js';

const CJK = /[\u3400-\u9fff]/;
// Printable ASCII only: English text must not smuggle in full-width punctuation or Chinese.
const ASCIIISH = /^[\x20-\x7e]+$/;

const unique = (values: string[]) => new Set(values).size === values.length;

describe('occupation classification', () => {
  it('has the eight major categories of the 2022 edition', () => {
    expect(MAJOR_CATEGORIES.map((m) => m.code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(MAJOR_CATEGORIES.find((m) => m.code === '4')?.nameZh).toBe('社会生产服务和生活服务人员');
    expect(MAJOR_CATEGORIES.find((m) => m.code === '8')?.nameZh).toBe('不便分类的其他从业人员');
    expect(CLASSIFICATION_TOTALS.majorCategories).toBe(MAJOR_CATEGORIES.length);
  });

  it('has well-formed, unique codes at every level', () => {
    expect(MEDIUM_CATEGORIES.every((c) => /^[1-8]-\d{2}$/.test(c.code))).toBe(true);
    expect(SMALL_CATEGORIES.every((c) => /^[1-8]-\d{2}-\d{2}$/.test(c.code))).toBe(true);
    expect(OCCUPATIONS.every((o) => /^[1-8]-\d{2}-\d{2}-\d{2}$/.test(o.code))).toBe(true);
    for (const list of [MAJOR_CATEGORIES, MEDIUM_CATEGORIES, SMALL_CATEGORIES, OCCUPATIONS]) {
      expect(unique(list.map((x) => x.code))).toBe(true);
    }
    expect(unique(OCCUPATIONS.map((o) => o.nameZh))).toBe(true);
  });

  it('links every occupation to its small, medium and major category', () => {
    const majors = new Set(MAJOR_CATEGORIES.map((c) => c.code));
    const mediums = new Map(MEDIUM_CATEGORIES.map((c) => [c.code, c]));
    const smalls = new Map(SMALL_CATEGORIES.map((c) => [c.code, c]));
    for (const o of OCCUPATIONS) {
      expect(o.smallCategoryCode, o.code).toBe(o.code.slice(0, 7));
      expect(smalls.has(o.smallCategoryCode), o.code).toBe(true);
    }
    for (const s of SMALL_CATEGORIES) {
      expect(s.parentCode).toBe(s.code.slice(0, 4));
      expect(mediums.has(s.parentCode), s.code).toBe(true);
    }
    for (const m of MEDIUM_CATEGORIES) {
      expect(m.parentCode).toBe(m.code.slice(0, 1));
      expect(majors.has(m.parentCode), m.code).toBe(true);
    }
  });

  it('lists no category that no occupation uses', () => {
    const usedSmall = new Set(OCCUPATIONS.map((o) => o.smallCategoryCode));
    expect(SMALL_CATEGORIES.filter((s) => !usedSmall.has(s.code)).map((s) => s.code)).toEqual([]);
    const usedMedium = new Set(SMALL_CATEGORIES.map((s) => s.parentCode));
    expect(MEDIUM_CATEGORIES.filter((m) => !usedMedium.has(m.code)).map((m) => m.code)).toEqual([]);
  });

  it('covers at least 110 occupations', () => {
    expect(OCCUPATIONS.length).toBeGreaterThanOrEqual(110);
  });

  it('covers the fields the source documents name, with their 2022 codes', () => {
    const byName = new Map(OCCUPATIONS.map((o) => [o.nameZh, o.code]));
    const expected: Record<string, string> = {
      家政服务员: '4-10-01-06',
      养老护理员: '4-10-01-05',
      婴幼儿发展引导员: '4-10-01-01',
      保育师: '4-10-01-03',
      健康管理师: '4-14-02-02',
      保健调理师: '4-10-04-01',
      心理咨询师: '2-07-10-03',
      药物制剂工: '6-12-03-00',
      医用材料产品生产工: '6-21-06-04',
      电子商务师: '4-01-06-01',
      互联网营销师: '4-01-06-02',
      家用电器产品维修工: '4-12-03-01',
      保安员: '4-07-05-01',
      汽车维修工: '4-12-01-01',
      电工: '6-31-01-03',
      中式烹调师: '4-03-02-01',
      中式面点师: '4-03-02-02',
      西式面点师: '4-03-02-04',
      美发师: '4-10-03-02',
      家畜饲养员: '5-03-02-01',
      家禽饲养员: '5-03-02-02',
      水生动物饲养工: '5-04-02-01',
      抽纱刺绣工: '6-09-03-11',
      绒线编织拼布工: '6-05-01-06',
      竹藤师: '5-05-06-05',
      农业技术员: '5-05-01-01',
      农业数字化技术员: '5-05-01-03',
      人工智能训练师: '4-04-05-05',
      云计算工程技术人员: '2-02-38-04',
      大数据工程技术人员: '2-02-38-03',
      焊工: '6-18-02-04',
      起重装卸机械操作工: '6-30-05-01',
      快递员: '4-02-07-08',
      网约配送员: '4-10-08-01',
    };
    for (const [name, code] of Object.entries(expected)) expect(byName.get(name), name).toBe(code);
  });

  it('keeps unverifiable names out of the catalogue and points to verified ones instead', () => {
    const codes = new Set(OCCUPATIONS.map((o) => o.code));
    const names = new Set(OCCUPATIONS.map((o) => o.nameZh));
    expect(UNVERIFIED_OCCUPATIONS.map((u) => u.nameZh)).toContain('育婴员');
    for (const u of UNVERIFIED_OCCUPATIONS) {
      expect(names.has(u.nameZh), u.nameZh).toBe(false);
      expect(u.useInstead.length).toBeGreaterThan(0);
      for (const code of u.useInstead) expect(codes.has(code), code).toBe(true);
    }
    // Someone searching for 育婴 still finds infant-care occupations.
    expect(OCCUPATIONS.filter((o) => o.tags.includes('育婴')).length).toBeGreaterThanOrEqual(2);
  });

  it('has Chinese names with CJK and ASCII English names, and tags', () => {
    for (const list of [MAJOR_CATEGORIES, MEDIUM_CATEGORIES, SMALL_CATEGORIES, OCCUPATIONS]) {
      for (const x of list) {
        expect(CJK.test(x.nameZh), x.code).toBe(true);
        expect(x.nameEn.trim().length, x.code).toBeGreaterThan(0);
        expect(ASCIIISH.test(x.nameEn), `${x.code} ${x.nameEn}`).toBe(true);
      }
    }
    for (const o of OCCUPATIONS) expect(o.tags.length, o.code).toBeGreaterThan(0);
  });
});

describe('skill levels', () => {
  it('lists the five levels from 初级工 to 高级技师', () => {
    expect(SKILL_LEVELS.map((l) => l.level)).toEqual([5, 4, 3, 2, 1]);
    expect(SKILL_LEVELS.map((l) => l.nameZh)).toEqual(['初级工', '中级工', '高级工', '技师', '高级技师']);
    for (const l of SKILL_LEVELS) expect(ASCIIISH.test(l.nameEn)).toBe(true);
  });
});

describe('skill standards', () => {
  const occupationCodes = new Set(OCCUPATIONS.map((o) => o.code));

  it('refer to existing occupations with sane values', () => {
    for (const s of [...SKILL_STANDARDS, ...PROFESSIONAL_STANDARDS]) {
      expect(occupationCodes.has(s.occupationCode), s.occupationCode).toBe(true);
      expect(s.minHours, s.occupationCode).toBeGreaterThan(0);
      expect(Number.isInteger(s.minHours)).toBe(true);
      expect(s.maxOnlineShare).toBeGreaterThan(0);
      expect(s.maxOnlineShare).toBeLessThanOrEqual(1);
      expect(s.knowledgeModules.length).toBeGreaterThanOrEqual(3);
      expect(s.knowledgeModules.length).toBeLessThanOrEqual(8);
      for (const mod of s.knowledgeModules) {
        expect(CJK.test(mod.zh)).toBe(true);
        expect(ASCIIISH.test(mod.en), mod.en).toBe(true);
      }
      expect(s.basis.length).toBeGreaterThan(10);
    }
    for (const s of SKILL_STANDARDS) {
      expect(s.level).toBeGreaterThanOrEqual(1);
      expect(s.level).toBeLessThanOrEqual(5);
    }
  });

  it('cover every occupation once per level, professional ones on their own scale', () => {
    expect(occupationsWithoutStandards()).toEqual([]);
    expect(unique(SKILL_STANDARDS.map((s) => `${s.occupationCode}/${s.level}`))).toBe(true);
    const professional = new Set(PROFESSIONAL_STANDARDS.map((s) => s.occupationCode));
    for (const s of SKILL_STANDARDS) expect(professional.has(s.occupationCode), s.occupationCode).toBe(false);
    for (const code of professional) expect(code.startsWith('2-'), code).toBe(true);
  });

  it('mark every figure that is not from a current national standard as estimated', () => {
    const notEstimated = new Set(SKILL_STANDARDS.filter((s) => !s.estimated).map((s) => s.occupationCode));
    expect([...notEstimated].sort()).toEqual(['4-01-06-02', '4-04-05-05']);
    expect(PROFESSIONAL_STANDARDS.every((s) => s.estimated)).toBe(true);
  });

  it('carry the figures of the standards that were read', () => {
    const hours = (code: string) =>
      SKILL_STANDARDS.filter((s) => s.occupationCode === code).map((s) => [s.level, s.minHours]);
    expect(hours('4-04-05-05')).toEqual([
      [5, 60],
      [4, 50],
      [3, 40],
      [2, 40],
      [1, 30],
    ]);
    expect(hours('4-01-06-02')).toEqual([
      [5, 120],
      [4, 104],
      [3, 88],
      [2, 72],
      [1, 72],
    ]);
    expect(hours('4-10-01-06').map(([l]) => l)).toEqual([5, 4, 3, 2]);
    expect(hours('4-10-01-01').map(([l]) => l)).toEqual([4, 3, 2, 1]);
  });

  it('take figures estimated from a Hunan tier from that tier at the same level', () => {
    const fromTier = SKILL_STANDARDS.filter((x) => x.basis.startsWith('Estimated: no current national figure found'));
    expect(fromTier.length).toBeGreaterThan(0);
    const tierValues = Object.values(HUNAN_MIN_HOURS);
    for (const s of fromTier) {
      expect(s.estimated).toBe(true);
      expect(
        tierValues.some((t) => t[5 - s.level] === s.minHours),
        `${s.occupationCode}/${s.level}`,
      ).toBe(true);
    }
  });
});

describe('course categories', () => {
  it('has at least 15 categories with unique codes and proper names', () => {
    expect(COURSE_CATEGORIES.length).toBeGreaterThanOrEqual(15);
    expect(unique(COURSE_CATEGORIES.map((c) => c.code))).toBe(true);
    for (const c of COURSE_CATEGORIES) {
      expect(CJK.test(c.nameZh)).toBe(true);
      expect(ASCIIISH.test(c.nameEn)).toBe(true);
      expect(unique(c.occupationCodes), c.code).toBe(true);
    }
  });

  it('maps onto existing occupations and places every occupation somewhere', () => {
    const codes = new Set(OCCUPATIONS.map((o) => o.code));
    const placed = new Set(COURSE_CATEGORIES.flatMap((c) => c.occupationCodes));
    for (const code of placed) expect(codes.has(code), code).toBe(true);
    expect(OCCUPATIONS.filter((o) => !placed.has(o.code)).map((o) => o.code)).toEqual([]);
  });
});

describe('general modules', () => {
  it('includes the five mandatory topics', () => {
    expect(GENERAL_MODULES.filter((g) => g.mandatory).map((g) => g.nameZh)).toEqual([
      '法律法规',
      '安全生产',
      '消防安全',
      '禁毒和防艾',
      '妇女儿童权益保护',
    ]);
    expect(unique(GENERAL_MODULES.map((g) => g.code))).toBe(true);
    for (const g of GENERAL_MODULES) {
      expect(g.code.length).toBeLessThanOrEqual(32);
      expect(g.suggestedMinutes).toBeGreaterThan(0);
      expect(ASCIIISH.test(g.nameEn)).toBe(true);
    }
  });
});

describe('national policy and regional overrides', () => {
  it('is a valid policy document requiring the mandatory modules', () => {
    expect(checkPolicy('document', NATIONAL_POLICY)).toEqual([]);
    expect(NATIONAL_POLICY.requiredGeneralModules).toEqual([...MANDATORY_GENERAL_MODULE_CODES]);
    const moduleCodes = new Set(GENERAL_MODULES.map((g) => g.code));
    for (const code of NATIONAL_POLICY.requiredGeneralModules) expect(moduleCodes.has(code)).toBe(true);
  });

  it('has valid, sourced overrides keyed by region code', () => {
    expect(REGIONAL_OVERRIDES.map((o) => o.scope).sort()).toEqual(['330000', '330200', '430000', '440000', '460000']);
    for (const o of REGIONAL_OVERRIDES) {
      expect(o.scope).toMatch(/^\d{6}$/);
      expect(checkPolicy('override', o.document), o.scope).toEqual([]);
      expect(o.source.length).toBeGreaterThan(10);
      expect(o.note.length).toBeGreaterThan(10);
    }
    expect(REGIONAL_OVERRIDES.find((o) => o.scope === '330200')?.document.classHourMinutes).toBe(30);
    expect(REGIONAL_OVERRIDES.find((o) => o.scope === '430000')?.minHours?.[0]?.hoursByLevel).toEqual([
      105, 84, 70, 63, 49,
    ]);
    const hainan = REGIONAL_OVERRIDES.find((o) => o.scope === '460000')?.document.subsidies?.rules?.[1];
    expect(hainan).toMatchObject({ kind: 'per_head', traineeFen: 15_000, institutionFen: 3000, minHours: 60 });
  });
});
