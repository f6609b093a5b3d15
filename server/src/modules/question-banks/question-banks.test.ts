import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestPlatform, DEMO, login, type Session, type TestPlatform } from '../../testing/platform.js';

// The question-bank API on the configured dialect: who sees and edits which bank (own, shared, region subtree),
// versions on edit, import with the row report (nothing changes unless only the valid rows are asked for), export
// round trips, papers refused when their draw cannot be met, and the draw the exams module takes.

let p: TestPlatform;
const s = {} as Record<'adminA' | 'adminB' | 'teacherA' | 'xihu' | 'ningbo' | 'operator' | 'learner', Session>;
const OCC = { occupationCode: '6-31-01-03', level: 3 };

beforeAll(async () => {
  p = await createTestPlatform();
  for (const [key, phone] of [
    ['adminA', DEMO.adminA],
    ['adminB', DEMO.adminB],
    ['teacherA', DEMO.teacherA],
    ['xihu', DEMO.xihuRegulator],
    ['ningbo', DEMO.ningboRegulator],
    ['operator', DEMO.operator],
    ['learner', DEMO.learnerA],
  ] as const) {
    s[key] = await login(p, phone);
  }
});
afterAll(async () => {
  await p?.drop();
});

const question = (stem: string, extra: Record<string, unknown> = {}) => ({
  type: 'single',
  stem,
  options: [
    { key: 'A', text: '甲' },
    { key: 'B', text: '乙' },
    { key: 'C', text: '丙' },
  ],
  answer: ['B'],
  explanation: '',
  difficulty: 3,
  moduleCode: '用电安全',
  ...extra,
});

async function bank(session: Session, name: string): Promise<string> {
  const res = await call(p, session, 'POST', '/api/question-banks', { name, ...OCC });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

async function upload(session: Session, bankId: string, mode: string, body: Buffer | string, name = 'q.gift') {
  const res = await p.app.inject({
    method: 'POST',
    url: `/api/question-banks/${bankId}/import?mode=${mode}&name=${encodeURIComponent(name)}`,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/octet-stream' },
    payload: body,
  });
  return { status: res.statusCode, body: res.json<any>() };
}

const ids = { bankA: '', bankB: '', shared: '' };

describe('banks and their scope', () => {
  it('institutions manage their own banks, the operator the shared ones; each sees its own and the shared', async () => {
    ids.bankA = await bank(s.teacherA, '电工四级 A');
    ids.bankB = await bank(s.adminB, '电工四级 B');
    ids.shared = await bank(s.operator, '电工四级 共享');
    const detail = await call(p, s.adminA, 'GET', `/api/question-banks/${ids.bankA}`);
    expect(detail.body).toMatchObject({ occupationName: '电工', level: 3, canManage: true, questionCount: 0 });
    expect(detail.body.modules).toContain('用电安全');

    const listed = async (session: Session) =>
      ((await call(p, session, 'GET', '/api/question-banks')).body.items as { id: string }[]).map((b) => b.id).sort();
    expect(await listed(s.adminA)).toEqual([ids.bankA, ids.shared].sort());
    expect(await listed(s.adminB)).toEqual([ids.bankB, ids.shared].sort());
    expect(await listed(s.xihu)).toEqual([ids.bankA, ids.shared].sort());
    expect(await listed(s.ningbo)).toEqual([ids.bankB, ids.shared].sort());
    expect(await listed(s.operator)).toEqual([ids.bankA, ids.bankB, ids.shared].sort());

    // Another institution's bank does not exist for them; a shared bank is read-only to institutions.
    expect((await call(p, s.adminB, 'GET', `/api/question-banks/${ids.bankA}`)).status).toBe(404);
    expect((await call(p, s.ningbo, 'GET', `/api/question-banks/${ids.bankA}/questions`)).status).toBe(404);
    expect((await call(p, s.adminA, 'POST', `/api/question-banks/${ids.shared}/questions`, question('x'))).status).toBe(
      403,
    );
    expect(
      (await call(p, s.operator, 'POST', `/api/question-banks/${ids.bankA}/questions`, question('x'))).status,
    ).toBe(403);
    expect((await call(p, s.xihu, 'POST', `/api/question-banks/${ids.bankA}/questions`, question('x'))).status).toBe(
      403,
    );
    expect((await call(p, s.adminB, 'GET', `/api/question-banks/${ids.bankA}/export?format=gift`)).status).toBe(404);
    // Learners never read banks (answers included).
    expect((await call(p, s.learner, 'GET', '/api/question-banks')).status).toBe(403);
    expect((await call(p, s.learner, 'GET', `/api/question-banks/${ids.shared}/questions`)).status).toBe(403);
    expect((await call(p, s.learner, 'GET', '/api/papers')).status).toBe(403);
    // An occupation without a skill standard (in the shipped catalogue) is refused.
    const none = await call(p, s.adminA, 'POST', '/api/question-banks', {
      name: 'x',
      occupationCode: '2-02-38-01',
      level: 3,
    });
    expect([none.status, none.body.error.code]).toEqual([400, 'QUESTION_BANK_STANDARD_UNKNOWN']);
  });

  it('checks questions: an unknown module or a wrong answer is a 400 naming the field', async () => {
    const bad = await call(
      p,
      s.adminA,
      'POST',
      `/api/question-banks/${ids.bankA}/questions`,
      question('q', { moduleCode: '烹饪' }),
    );
    expect([bad.status, bad.body.error.code, bad.body.error.field]).toEqual([400, 'QUESTION_INVALID', 'moduleCode']);
    expect(bad.body.error.messages['zh-CN']).toBe('知识模块不在本题库职业等级标准的知识模块中');
    const wrong = await call(
      p,
      s.adminA,
      'POST',
      `/api/question-banks/${ids.bankA}/questions`,
      question('q', { answer: ['D'] }),
    );
    expect([wrong.status, wrong.body.error.field]).toEqual([400, 'answer']);
  });
});

describe('versions', () => {
  it('an edit is a new version; the old version keeps its content; a stale edit is a conflict', async () => {
    const created = await call(p, s.adminA, 'POST', `/api/question-banks/${ids.bankA}/questions`, question('原题干'));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const v1 = created.body.versionId as string;
    const edited = await call(p, s.teacherA, 'PUT', `/api/questions/${created.body.id}`, {
      content: question('新题干', { answer: ['C'] }),
      expectedVersion: 1,
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ version: 2, stem: '新题干' });
    expect(edited.body.versionId).not.toBe(v1);
    const stale = await call(p, s.adminA, 'PUT', `/api/questions/${created.body.id}`, {
      content: question('又一个'),
      expectedVersion: 1,
    });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'QUESTION_EDIT_CONFLICT']);
    const [old] = await p.services.questionBanks.versionsByIds(p.services.infra.db, [v1]);
    expect(old).toMatchObject({ stem: '原题干', version: 1 });
    expect(old).not.toHaveProperty('answer');
    const [key] = await p.services.questionBanks.keysByIds(p.services.infra.db, [v1]);
    expect(key).toEqual({ versionId: v1, type: 'single', answer: ['B'], explanation: '' });
    const history = await call(p, s.xihu, 'GET', `/api/questions/${created.body.id}/versions`);
    expect(history.body.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    // Retired: gone from the list of questions in use.
    expect(
      (await call(p, s.adminA, 'POST', `/api/questions/${created.body.id}/retire`, { retired: true })).status,
    ).toBe(204);
    const inUse = await call(p, s.adminA, 'GET', `/api/question-banks/${ids.bankA}/questions`);
    expect(inUse.body.items.map((q: { id: string }) => q.id)).not.toContain(created.body.id);
  });
});

describe('import and export', () => {
  const gift = [
    '// @yunxue {"difficulty":1,"module":"用电安全"}',
    '安全电压一般不超过多少伏？ {=36V ~220V ~380V}',
    '',
    '电工可以单人带电作业。 {F}',
    '',
    '配对题 {=a -> 1 =b -> 2}',
    '',
    '// @yunxue {"difficulty":2,"module":"不存在的模块"}',
    '接地电阻一般不大于____欧。 {=4 =四}',
  ].join('\n');

  it('a file with bad rows changes nothing and reports each; only the valid rows when asked', async () => {
    const before = (await call(p, s.adminA, 'GET', `/api/question-banks/${ids.bankA}/questions`)).body.items.length;
    const checked = await upload(s.adminA, ids.bankA, 'check', gift);
    expect(checked.status, JSON.stringify(checked.body)).toBe(200);
    expect(checked.body).toMatchObject({ format: 'gift', rows: 4, valid: 2, invalid: 2 });
    expect(checked.body.errors.map((e: { row: number; code: string }) => [e.row, e.code])).toEqual([
      [6, 'QUESTION_ROW_TYPE_UNSUPPORTED'],
      [8, 'QUESTION_INVALID'],
    ]);
    const all = await upload(s.adminA, ids.bankA, 'all', gift);
    expect([all.status, all.body.error.code]).toEqual([409, 'QUESTION_FILE_HAS_ERRORS']);
    expect((await call(p, s.adminA, 'GET', `/api/question-banks/${ids.bankA}/questions`)).body.items).toHaveLength(
      before,
    );
    const valid = await upload(s.adminA, ids.bankA, 'valid-only', gift);
    expect(valid.body).toMatchObject({ imported: 2 });
    expect((await call(p, s.adminA, 'GET', `/api/question-banks/${ids.bankA}/questions`)).body.items).toHaveLength(
      before + 2,
    );
    // The same file again: the questions already in the bank are reported, nothing is added twice.
    const again = await upload(s.adminA, ids.bankA, 'check', gift);
    expect(again.body.valid).toBe(0);
    expect(again.body.errors.filter((e: { code: string }) => e.code === 'QUESTION_ROW_DUPLICATE_IN_BANK')).toHaveLength(
      2,
    );
    // Another institution cannot import into it; an audit entry records the import.
    expect((await upload(s.adminB, ids.bankA, 'check', gift)).status).toBe(404);
    const audit = await p.services.infra.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', ids.bankA)
      .execute();
    expect(audit.map((a) => a.action)).toContain('question_bank.imported');
  });

  it.each(['xlsx', 'moodle_xml', 'gift'])(
    'export as %s and import into another bank gives the same questions',
    async (format) => {
      const source = (await call(p, s.adminA, 'GET', `/api/question-banks/${ids.bankA}/questions`)).body.items;
      const res = await p.app.inject({
        method: 'GET',
        url: `/api/question-banks/${ids.bankA}/export?format=${format}`,
        headers: { cookie: s.adminA.cookie },
      });
      expect(res.statusCode).toBe(200);
      const target = await bank(s.adminA, `副本 ${format}`);
      const imported = await upload(s.adminA, target, 'all', res.rawPayload, `bank.${format}`);
      expect(imported.body, JSON.stringify(imported.body)).toMatchObject({
        format,
        imported: source.length,
        invalid: 0,
      });
      const copy = (await call(p, s.adminA, 'GET', `/api/question-banks/${target}/questions`)).body.items;
      const content = (q: Record<string, unknown>) => [
        q.type,
        q.stem,
        q.options,
        q.answer,
        q.explanation,
        q.difficulty,
        q.moduleCode,
      ];
      expect(copy.map(content)).toEqual(source.map(content));
    },
  );
});

describe('papers', () => {
  const scores = { single: 2, multiple: 3, true_false: 1, fill_blank: 2, short_answer: 10 };
  const paper = (rules: unknown[], extra: Record<string, unknown> = {}) => ({
    name: '电工四级模拟卷',
    kind: 'mock',
    bankIds: [ids.bankA],
    mode: 'draw',
    questionIds: [],
    rules,
    typeScores: scores,
    ...extra,
  });

  it('a draw the banks cannot satisfy is refused when saved, naming the rule', async () => {
    for (let i = 0; i < 6; i++)
      await call(
        p,
        s.adminA,
        'POST',
        `/api/question-banks/${ids.bankA}/questions`,
        question(`单选 ${i}`, { difficulty: (i % 2) + 1 }),
      );
    const refused = await call(
      p,
      s.adminA,
      'POST',
      '/api/papers',
      paper([
        { type: 'single', count: 3 },
        { type: 'single', count: 10, moduleCode: '用电安全', difficulty: 2 },
      ]),
    );
    expect([refused.status, refused.body.error.code]).toEqual([400, 'PAPER_DRAW_UNSATISFIABLE']);
    expect(refused.body.error.details).toMatchObject({ rule: 1, count: 10 });
    expect(refused.body.error.messages['zh-CN']).toContain('第 2 条抽题规则无法满足');
    expect(refused.body.error.messages['zh-CN']).toContain('单选题（知识模块“用电安全”，难度 2）');
  });

  it('saves a feasible draw, totals its score, and each attempt draws differently but reproducibly', async () => {
    const saved = await call(
      p,
      s.adminA,
      'POST',
      '/api/papers',
      paper([
        { type: 'single', count: 4 },
        { type: 'true_false', count: 1 },
      ]),
    );
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    expect(saved.body).toMatchObject({ totalScore: 4 * 2 + 1, questionCount: 5, canManage: true });
    const draw = (seed: string) => p.services.questionBanks.drawForAttempt(p.services.infra.db, saved.body.id, seed);
    const a = await draw('attempt-a');
    expect(a.paper).toEqual({ id: saved.body.id, kind: 'mock', totalScore: 9 });
    expect(a.items).toHaveLength(5);
    expect(new Set(a.items.map((i) => i.versionId)).size).toBe(5);
    expect(await draw('attempt-a')).toEqual(a);
    const views = await p.services.questionBanks.versionsByIds(
      p.services.infra.db,
      a.items.map((i) => i.versionId),
    );
    expect(views.map((v) => v.type)).toEqual(['single', 'single', 'single', 'single', 'true_false']);
    for (const [i, v] of views.entries())
      expect([...a.items[i].optionOrder].sort()).toEqual(v.options.map((o) => o.key));
    const seeds = await Promise.all(['x1', 'x2', 'x3', 'x4'].map((seed) => draw(seed)));
    expect(new Set(seeds.map((d) => JSON.stringify(d.items))).size).toBeGreaterThan(1);
    // Scope: another institution does not see it; a regulator of the region does, read-only.
    expect((await call(p, s.adminB, 'GET', `/api/papers/${saved.body.id}`)).status).toBe(404);
    expect((await call(p, s.xihu, 'GET', `/api/papers/${saved.body.id}`)).body.canManage).toBe(false);
    expect((await call(p, s.xihu, 'DELETE', `/api/papers/${saved.body.id}`)).status).toBe(403);
    expect(
      (await call(p, s.adminB, 'PUT', `/api/papers/${saved.body.id}`, paper([{ type: 'single', count: 1 }]))).status,
    ).toBe(404);
  });

  it('a fixed paper keeps the question list; banks of another institution cannot be used', async () => {
    const items = (await call(p, s.adminA, 'GET', `/api/question-banks/${ids.bankA}/questions`)).body.items as {
      id: string;
      type: string;
    }[];
    const chosen = items.slice(0, 3).map((q) => q.id);
    const saved = await call(
      p,
      s.adminA,
      'POST',
      '/api/papers',
      paper([], { mode: 'fixed', questionIds: chosen, kind: 'formal' }),
    );
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    const drawn = await p.services.questionBanks.drawForAttempt(p.services.infra.db, saved.body.id, 'any');
    const views = await p.services.questionBanks.versionsByIds(
      p.services.infra.db,
      drawn.items.map((i) => i.versionId),
    );
    expect(views.map((v) => v.questionId)).toEqual(chosen);
    const foreign = await call(p, s.adminB, 'POST', '/api/papers', paper([{ type: 'single', count: 1 }]));
    expect(foreign.status).toBe(404);
    const preview = await call(p, s.adminA, 'POST', '/api/papers/preview', {
      paper: paper([{ type: 'single', count: 2 }]),
      seed: 'p1',
    });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.items).toHaveLength(2);
    expect(preview.body.items[0].answer).toHaveLength(1);
  });
});
