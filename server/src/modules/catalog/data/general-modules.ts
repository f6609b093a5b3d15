// General content that runs through every training, whatever the occupation.
//
// Mandatory: the five topics the Yunnan "Twelve Measures" for online vocational training require in every online
// training (法律知识、安全生产、消防、禁毒防艾、妇女儿童权益保护). Optional: further general content the MOHRSS
// 100-day free online training plan (2020) says should run through online training (职业素养、职业指导、环境保护、
// 卫生健康、疾病预防控制). Suggested minutes are Yunxue estimates (one 45-minute class hour each), not figures from
// either document.

export interface GeneralModule {
  /** Stable code, referenced by policy documents (requiredGeneralModules); at most 32 characters. */
  code: string;
  nameZh: string;
  nameEn: string;
  suggestedMinutes: number;
  mandatory: boolean;
  /** suggestedMinutes is always an estimate; the topic itself is sourced. */
  estimated: true;
  source: string;
}

const YUNNAN =
  'Yunnan HRSS, Twelve Measures for Standardized Management of Online Vocational Training (seed document 001)';
const MOHRSS_100_DAY = 'MOHRSS, Q&A on the 100-day free online skills training action, 2020 (seed document 003)';

export const GENERAL_MODULES: readonly GeneralModule[] = [
  {
    code: 'GEN-LAW',
    nameZh: '法律法规',
    nameEn: 'Law and regulations',
    suggestedMinutes: 45,
    mandatory: true,
    estimated: true,
    source: YUNNAN,
  },
  {
    code: 'GEN-PRODUCTION-SAFETY',
    nameZh: '安全生产',
    nameEn: 'Production safety',
    suggestedMinutes: 45,
    mandatory: true,
    estimated: true,
    source: YUNNAN,
  },
  {
    code: 'GEN-FIRE-SAFETY',
    nameZh: '消防安全',
    nameEn: 'Fire safety',
    suggestedMinutes: 45,
    mandatory: true,
    estimated: true,
    source: YUNNAN,
  },
  {
    code: 'GEN-DRUG-AIDS',
    nameZh: '禁毒和防艾',
    nameEn: 'Drug control and AIDS prevention',
    suggestedMinutes: 45,
    mandatory: true,
    estimated: true,
    source: YUNNAN,
  },
  {
    code: 'GEN-WOMEN-CHILDREN-RIGHTS',
    nameZh: '妇女儿童权益保护',
    nameEn: "Protection of women's and children's rights",
    suggestedMinutes: 45,
    mandatory: true,
    estimated: true,
    source: YUNNAN,
  },
  {
    code: 'GEN-PROFESSIONAL-ETHICS',
    nameZh: '职业道德与职业素养',
    nameEn: 'Professional ethics and conduct',
    suggestedMinutes: 45,
    mandatory: false,
    estimated: true,
    source: MOHRSS_100_DAY,
  },
  {
    code: 'GEN-CAREER-GUIDANCE',
    nameZh: '就业创业指导',
    nameEn: 'Employment and entrepreneurship guidance',
    suggestedMinutes: 45,
    mandatory: false,
    estimated: true,
    source: MOHRSS_100_DAY,
  },
  {
    code: 'GEN-ENVIRONMENT',
    nameZh: '环境保护',
    nameEn: 'Environmental protection',
    suggestedMinutes: 45,
    mandatory: false,
    estimated: true,
    source: MOHRSS_100_DAY,
  },
  {
    code: 'GEN-HEALTH-HYGIENE',
    nameZh: '卫生健康',
    nameEn: 'Health and hygiene',
    suggestedMinutes: 45,
    mandatory: false,
    estimated: true,
    source: MOHRSS_100_DAY,
  },
  {
    code: 'GEN-DISEASE-CONTROL',
    nameZh: '疾病预防控制',
    nameEn: 'Disease prevention and control',
    suggestedMinutes: 45,
    mandatory: false,
    estimated: true,
    source: MOHRSS_100_DAY,
  },
];

export const MANDATORY_GENERAL_MODULE_CODES: readonly string[] = GENERAL_MODULES.filter((g) => g.mandatory).map(
  (g) => g.code,
);
