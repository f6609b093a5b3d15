import type { Services } from '../../services.js';
import { newId } from '../../platform/ids.js';
import { makeCreditCode } from '../../modules/institutions/index.js';
import { makeResidentId, type Role } from '../../modules/identity/index.js';

export const DEMO_PASSWORD = 'Yunxue@2026';

export type DemoAccount = { role: Role; name: string; phone: string; scope: string };

// One province (Zhejiang) with two cities and a county in each, a regulator at every level, two institutions
// (one of them an enterprise), their administrators and teachers, 20 learners and an operator.
const PROVINCE = '330000';
const CITIES = { hangzhou: '330100', ningbo: '330200' };
const COUNTIES = { xihu: '330106', haishu: '330203' };

const LEARNER_NAMES = [
  '张伟',
  '王芳',
  '李娜',
  '刘洋',
  '陈静',
  '杨磊',
  '赵敏',
  '黄涛',
  '周婷',
  '吴强',
  '徐丽',
  '孙浩',
  '马超',
  '朱琳',
  '胡军',
  '郭燕',
  '何鹏',
  '高欢',
  '林峰',
  '罗霞',
];

const SCHOOL_A = '杭州西湖职业技能培训学校';
const COMPANY_B = '宁波海曙智造电器有限公司';

type SeedAccount = DemoAccount & {
  regionCode: string | null;
  institution: 'A' | 'B' | null;
  birth: string;
  county: string;
};

const SEED_ACCOUNTS: SeedAccount[] = [
  {
    role: 'operator',
    name: '许平安',
    phone: '13900000001',
    scope: '平台',
    regionCode: null,
    institution: null,
    birth: '1985-04-12',
    county: '330102',
  },
  {
    role: 'regulator',
    name: '周志强',
    phone: '13900000011',
    scope: '浙江省人力资源和社会保障厅',
    regionCode: PROVINCE,
    institution: null,
    birth: '1978-09-03',
    county: '330103',
  },
  {
    role: 'regulator',
    name: '钱文博',
    phone: '13900000012',
    scope: '杭州市人力资源和社会保障局',
    regionCode: CITIES.hangzhou,
    institution: null,
    birth: '1981-02-17',
    county: '330105',
  },
  {
    role: 'regulator',
    name: '孔令华',
    phone: '13900000013',
    scope: '宁波市人力资源和社会保障局',
    regionCode: CITIES.ningbo,
    institution: null,
    birth: '1983-11-25',
    county: '330205',
  },
  {
    role: 'regulator',
    name: '汪海燕',
    phone: '13900000014',
    scope: '杭州市西湖区人力资源和社会保障局',
    regionCode: COUNTIES.xihu,
    institution: null,
    birth: '1986-06-30',
    county: '330106',
  },
  {
    role: 'regulator',
    name: '严俊杰',
    phone: '13900000015',
    scope: '宁波市海曙区人力资源和社会保障局',
    regionCode: COUNTIES.haishu,
    institution: null,
    birth: '1988-01-08',
    county: '330203',
  },
  {
    role: 'institution_admin',
    name: '沈建国',
    phone: '13900000021',
    scope: SCHOOL_A,
    regionCode: COUNTIES.xihu,
    institution: 'A',
    birth: '1975-03-21',
    county: '330106',
  },
  {
    role: 'institution_admin',
    name: '蒋美华',
    phone: '13900000022',
    scope: COMPANY_B,
    regionCode: COUNTIES.haishu,
    institution: 'B',
    birth: '1979-12-02',
    county: '330203',
  },
  {
    role: 'teacher',
    name: '韩立新',
    phone: '13900000031',
    scope: SCHOOL_A,
    regionCode: COUNTIES.xihu,
    institution: 'A',
    birth: '1982-07-14',
    county: '330108',
  },
  {
    role: 'teacher',
    name: '曹雪梅',
    phone: '13900000032',
    scope: COMPANY_B,
    regionCode: COUNTIES.haishu,
    institution: 'B',
    birth: '1987-05-19',
    county: '330212',
  },
  ...LEARNER_NAMES.map((name, i): SeedAccount => ({
    role: 'learner',
    name,
    phone: `138000000${String(i + 1).padStart(2, '0')}`,
    scope: i < 10 ? SCHOOL_A : COMPANY_B,
    regionCode: i < 10 ? COUNTIES.xihu : COUNTIES.haishu,
    institution: i < 10 ? 'A' : 'B',
    birth: `${1970 + ((i * 7) % 33)}-${String((i % 12) + 1).padStart(2, '0')}-${String(((i * 3) % 28) + 1).padStart(2, '0')}`,
    county: i < 10 ? COUNTIES.xihu : COUNTIES.haishu,
  })),
];

export const DEMO_ACCOUNTS: readonly DemoAccount[] = SEED_ACCOUNTS.map(({ role, name, phone, scope }) => ({
  role,
  name,
  phone,
  scope,
}));

/** Seeds the demo world into an empty database; returns whether it did. */
export async function seedDemo(services: Services): Promise<boolean> {
  const { db, clock } = services.infra;
  const existing = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) return false;
  const now = clock.now().toISOString();

  const institutions = {
    A: { id: newId(), name: SCHOOL_A, kind: 'training' as const, region_code: COUNTIES.xihu, serial: '101' },
    B: { id: newId(), name: COMPANY_B, kind: 'enterprise' as const, region_code: COUNTIES.haishu, serial: '202' },
  };
  await db
    .insertInto('institutions')
    .values(
      Object.values(institutions).map(({ serial, ...i }) => ({
        ...i,
        credit_code: makeCreditCode(i.region_code, serial),
        status: 'active' as const,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();

  for (const [index, a] of SEED_ACCOUNTS.entries()) {
    const idNumber = makeResidentId({
      regionCode: a.county,
      birthDate: a.birth,
      sequence: 100 + index,
      gender: index % 2 ? 'female' : 'male',
    });
    const person = await services.auth.personColumns({
      name: a.name,
      idNumber,
      phone: a.phone,
      password: DEMO_PASSWORD,
    });
    const id = newId();
    const institutionId = a.institution ? institutions[a.institution].id : null;
    await db
      .insertInto('users')
      .values({
        id,
        role: a.role,
        status: 'active',
        region_code: a.regionCode,
        institution_id: institutionId,
        locked_until: null,
        created_at: now,
        updated_at: now,
        ...person.columns,
      })
      .execute();
    await services.audit.record(db, {
      actor: null,
      action: 'user.role_granted',
      targetType: 'user',
      targetId: id,
      regionCode: a.regionCode,
      institutionId,
      details: { role: a.role, source: 'demo_seed' },
    });
  }
  return true;
}
