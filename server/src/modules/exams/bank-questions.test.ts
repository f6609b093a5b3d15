import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestPlatform, DEMO, login, type Session, type TestPlatform } from '../../testing/platform.js';
import { insertClass } from '../enrolment/enrolment.testkit.js';
import { bankQuestionSource } from './bank-questions.js';

// The exams' QuestionSource answered by the real question banks (what services.ts wires): a paper saved through the
// banks' API is drawn for an attempt, its versions carry no answer, its keys grade through the port's shape, and an
// unknown paper is the exams' own refusal.
let p: TestPlatform;
let admin: Session;
beforeAll(async () => {
  p = await createTestPlatform();
  admin = await login(p, DEMO.adminA);
});
afterAll(async () => {
  await p?.drop();
});

describe('the question banks as the exams’ question source', () => {
  it('draws a saved paper, hides answers in the versions and grades through the port', async () => {
    const bank = await call(p, admin, 'POST', '/api/question-banks', {
      name: '电工题库',
      occupationCode: '6-31-01-03',
      level: 3,
    });
    expect(bank.status, JSON.stringify(bank.body)).toBe(201);
    const single = {
      type: 'single',
      options: [
        { key: 'A', text: '甲' },
        { key: 'B', text: '乙' },
      ],
      answer: ['B'],
    };
    for (let i = 0; i < 3; i++) {
      const q = await call(p, admin, 'POST', `/api/question-banks/${bank.body.id}/questions`, {
        ...single,
        stem: `单选 ${i}`,
        explanation: '',
        difficulty: 3,
        moduleCode: '用电安全',
      });
      expect(q.status, JSON.stringify(q.body)).toBe(201);
    }
    const essay = await call(p, admin, 'POST', `/api/question-banks/${bank.body.id}/questions`, {
      type: 'short_answer',
      stem: '简述停电作业的安全措施',
      options: [],
      answer: ['停电、验电、装设接地线、悬挂标示牌'],
      explanation: '',
      difficulty: 3,
      moduleCode: '用电安全',
    });
    expect(essay.status, JSON.stringify(essay.body)).toBe(201);
    const paper = await call(p, admin, 'POST', '/api/papers', {
      name: '电工四级理论考试',
      kind: 'formal',
      bankIds: [bank.body.id],
      mode: 'draw',
      questionIds: [],
      rules: [
        { type: 'single', count: 2 },
        { type: 'short_answer', count: 1 },
      ],
      typeScores: { single: 30, multiple: 0, true_false: 0, fill_blank: 0, short_answer: 40 },
    });
    expect(paper.status, JSON.stringify(paper.body)).toBe(201);

    const source = bankQuestionSource(p.services.questionBanks);
    const db = p.services.infra.db;
    const drawn = await source.drawForAttempt(db, paper.body.id, 'attempt-1');
    expect(drawn.paper).toEqual({ id: paper.body.id, kind: 'formal', totalScore: 100 });
    expect(drawn.items.map((i) => i.score)).toEqual([30, 30, 40]);
    const ids = drawn.items.map((i) => i.versionId);
    const views = await source.versionsByIds(db, ids);
    expect(views.map((v) => v.type)).toEqual(['single', 'single', 'short_answer']);
    for (const v of views) expect(Object.keys(v)).not.toContain('answer');
    const keys = await source.keysByIds(db, ids);
    expect(source.gradeObjective(keys[0], ['B'])).toEqual({ correct: true });
    expect(source.gradeObjective(keys[0], ['A'])).toEqual({ correct: false });
    expect(source.gradeObjective(keys[2], ['停电'])).toBe('needs_person');

    await expect(source.drawForAttempt(db, 'no-such-paper', 'x')).rejects.toMatchObject({
      code: 'EXAM_PAPER_NOT_FOUND',
    });
  });

  it('refuses to edit or delete a paper an exam is set on (PAPER_IN_USE), and deletes an unused one', async () => {
    const bank = await call(p, admin, 'POST', '/api/question-banks', {
      name: '电工五级题库',
      occupationCode: '6-31-01-03',
      level: 5,
    });
    const q = await call(p, admin, 'POST', `/api/question-banks/${bank.body.id}/questions`, {
      type: 'single',
      stem: '停电作业前应先做哪一项',
      options: [
        { key: 'A', text: '验电' },
        { key: 'B', text: '合闸' },
      ],
      answer: ['A'],
      explanation: '',
      difficulty: 2,
      moduleCode: '用电安全',
    });
    expect(q.status, JSON.stringify(q.body)).toBe(201);
    const body = {
      name: '电工五级理论考试',
      kind: 'formal',
      bankIds: [bank.body.id],
      mode: 'fixed',
      questionIds: [q.body.id],
      rules: [],
      typeScores: { single: 100, multiple: 0, true_false: 0, fill_blank: 0, short_answer: 0 },
    };
    const used = await call(p, admin, 'POST', '/api/papers', body);
    const unused = await call(p, admin, 'POST', '/api/papers', { ...body, name: '备用试卷' });
    expect([used.status, unused.status]).toEqual([201, 201]);
    const classId = await insertClass(p, { status: 'approved', startDate: '2020-01-01', endDate: '2099-12-31' });
    const now = p.clock.now().getTime();
    const exam = await call(p, admin, 'POST', `/api/classes/${classId}/exams`, {
      paperId: used.body.id,
      title: '理论考试',
      windowStart: new Date(now).toISOString(),
      windowEnd: new Date(now + 86_400_000).toISOString(),
      timeLimitMinutes: 60,
      maxAttempts: 1,
    });
    expect(exam.status, JSON.stringify(exam.body)).toBe(201);

    const edit = await call(p, admin, 'PUT', `/api/papers/${used.body.id}`, { ...body, name: '改过的试卷' });
    const remove = await call(p, admin, 'DELETE', `/api/papers/${used.body.id}`);
    for (const res of [edit, remove]) {
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({
        code: 'PAPER_IN_USE',
        details: { exams: 1 },
        messages: {
          'zh-CN': '已有 1 场考试使用此试卷，不能修改或删除；如需调整，请另存为新试卷',
          en: '1 exam(s) use this paper, so it cannot be changed or deleted; save a new paper to make changes',
        },
      });
    }
    expect((await call(p, admin, 'GET', `/api/papers/${used.body.id}`)).body.name).toBe('电工五级理论考试');
    expect((await call(p, admin, 'DELETE', `/api/papers/${unused.body.id}`)).status).toBe(204);
  });
});
