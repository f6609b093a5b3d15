// The five levels of the national vocational skill-level system (职业技能等级). Level 5 is the entry level and level 1
// the highest; national skill standards name every level as "<number>级/<title>", e.g. 五级/初级工.

export type SkillLevel = 1 | 2 | 3 | 4 | 5;

export interface SkillLevelInfo {
  level: SkillLevel;
  /** Official label as printed in national skill standards. */
  labelZh: string;
  nameZh: string;
  nameEn: string;
}

export const SKILL_LEVELS: readonly SkillLevelInfo[] = [
  { level: 5, labelZh: '五级/初级工', nameZh: '初级工', nameEn: 'Level 5 / Junior Worker' },
  { level: 4, labelZh: '四级/中级工', nameZh: '中级工', nameEn: 'Level 4 / Intermediate Worker' },
  { level: 3, labelZh: '三级/高级工', nameZh: '高级工', nameEn: 'Level 3 / Senior Worker' },
  { level: 2, labelZh: '二级/技师', nameZh: '技师', nameEn: 'Level 2 / Technician' },
  { level: 1, labelZh: '一级/高级技师', nameZh: '高级技师', nameEn: 'Level 1 / Senior Technician' },
];

export function skillLevel(level: SkillLevel): SkillLevelInfo {
  const found = SKILL_LEVELS.find((l) => l.level === level);
  if (!found) throw new RangeError(`unknown skill level ${level}`);
  return found;
}

/**
 * Professional and technical occupations (major category 2, e.g. 人工智能工程技术人员) are not graded on the five
 * worker levels: their national 职业技术技能标准 use three grades. Kept apart so nobody maps one scale onto the other.
 */
export type ProfessionalGrade = 'junior' | 'intermediate' | 'senior';

export const PROFESSIONAL_GRADES: readonly { grade: ProfessionalGrade; nameZh: string; nameEn: string }[] = [
  { grade: 'junior', nameZh: '初级', nameEn: 'Junior' },
  { grade: 'intermediate', nameZh: '中级', nameEn: 'Intermediate' },
  { grade: 'senior', nameZh: '高级', nameEn: 'Senior' },
];
