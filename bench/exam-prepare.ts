// The world of bench/exam.ts, prepared in process against the target database before the server starts: a question
// bank of institution A with one single-choice question per exam item, a fixed formal paper of them, an approved class
// running today with every learner enrolled, its formal exam open now, and the learners signed in.
//
// Shortcuts, each one for set-up only and none on the measured path: learners are inserted as the registration would
// write them but all with one unusable password hash (registration and login cost a 50 ms scrypt each, measured by
// bench:first-start), and their login sessions are inserted as the login route writes them (one live session each,
// so the auth hook resolves them exactly as after a login). The class is a row, as in the tests (classes have their
// own review flow). The bank, the paper and the exam are made through the API.
import { createPlatform } from '../server/src/bootstrap.js';
import { enrolDirectly, insertClass } from '../server/src/modules/enrolment/enrolment.testkit.js';
import {
  makeResidentId,
  sealedPersonColumns,
  UNUSABLE_PASSWORD_HASH,
  validateResidentId,
} from '../server/src/modules/identity/index.js';
import { loadConfig } from '../server/src/platform/config.js';
import { newToken, sha256 } from '../server/src/platform/crypto.js';
import { newId } from '../server/src/platform/ids.js';
import { beijingDate } from '../server/src/platform/time.js';
import { call, DEMO, login } from '../server/src/testing/platform.js';

export type ExamLearner = { userId: string; cookie: string; csrf: string; deviceId: string };

export async function prepareExam(
  env: Record<string, string>,
  count: number,
  questions: number,
): Promise<{ examId: string; classId: string; learners: ExamLearner[] }> {
  const platform = await createPlatform(loadConfig(env), { logger: false });
  try {
    const { db, cipher } = platform.services.infra;
    const admin = await login(platform, DEMO.adminA);

    const bank = await call(platform, admin, 'POST', '/api/question-banks', {
      name: '电工（五级）压测题库',
      occupationCode: '6-31-01-03',
      level: 5,
    });
    if (bank.status !== 201) throw new Error(`bank: ${bank.status} ${JSON.stringify(bank.body)}`);
    const questionIds: string[] = [];
    for (let i = 0; i < questions; i++) {
      const q = await call(platform, admin, 'POST', `/api/question-banks/${bank.body.id}/questions`, {
        type: 'single',
        stem: `压测单选题 ${i + 1}：停电作业前应先做哪一项？`,
        options: ['验电', '送电', '合闸', '拆除接地线'].map((text, k) => ({ key: 'ABCD'[k], text })),
        answer: ['A'],
        explanation: '停电、验电、装设接地线',
        difficulty: 2,
        moduleCode: '用电安全',
      });
      if (q.status !== 201) throw new Error(`question: ${q.status} ${JSON.stringify(q.body)}`);
      questionIds.push(q.body.id);
    }
    const paper = await call(platform, admin, 'POST', '/api/papers', {
      name: '电工（五级）压测理论考试',
      kind: 'formal',
      bankIds: [bank.body.id],
      mode: 'fixed',
      questionIds,
      rules: [],
      typeScores: {
        single: Math.max(1, Math.floor(100 / questions)),
        multiple: 0,
        true_false: 0,
        fill_blank: 0,
        short_answer: 0,
      },
    });
    if (paper.status !== 201) throw new Error(`paper: ${paper.status} ${JSON.stringify(paper.body)}`);

    const today = beijingDate(new Date());
    const classId = await insertClass(platform, {
      status: 'approved',
      name: '电工（五级）考试压测班',
      startDate: today,
      endDate: today,
      capacity: count,
    });
    const now = new Date().toISOString();
    const userIds: string[] = [];
    const learners: ExamLearner[] = [];
    for (let start = 0; start < count; start += 200) {
      const batch = Array.from({ length: Math.min(200, count - start) }, (_, k) => start + k);
      const users = batch.map((n) => {
        const birthDate = new Date(Date.UTC(1975, 0, 1) + n * 7 * 86_400_000).toISOString().slice(0, 10);
        const check = validateResidentId(
          makeResidentId({ regionCode: '330106', birthDate, sequence: 500 + (n % 400) }),
          new Date(),
        );
        if (!check.ok) throw new Error(`resident id ${n}: ${check.reason}`);
        const name = '王李张刘陈杨黄赵吴周'[n % 10] + '伟芳娜敏静丽强磊军洋'[Math.floor(n / 10) % 10] + '考';
        return {
          id: newId(),
          role: 'learner' as const,
          status: 'active' as const,
          region_code: null,
          institution_id: null,
          locked_until: null,
          created_at: now,
          updated_at: now,
          password_hash: UNUSABLE_PASSWORD_HASH,
          ...sealedPersonColumns(cipher, { name, id: check.value, phone: `136${String(n).padStart(8, '0')}` }),
        };
      });
      await db.insertInto('users').values(users).execute();
      const sessions = users.map((u) => {
        const token = newToken();
        const csrf = newToken(24);
        learners.push({
          userId: u.id,
          cookie: `yx_sid=${token}; yx_csrf=${csrf}`,
          csrf,
          deviceId: `bench-exam-${learners.length}`,
        });
        return {
          id: sha256(token),
          user_id: u.id,
          csrf_token: csrf,
          ip: '127.0.0.1',
          user_agent: 'yx-bench',
          device: 'yx-bench',
          created_at: now,
          last_seen_at: now,
          expires_at: new Date(Date.now() + 86_400_000).toISOString(),
          ended_at: null,
          ended_reason: null,
          replaced_by: null,
        };
      });
      await db.insertInto('sessions').values(sessions).execute();
      userIds.push(...users.map((u) => u.id));
    }
    await enrolDirectly(platform, classId, userIds);
    const exam = await call(platform, admin, 'POST', `/api/classes/${classId}/exams`, {
      paperId: paper.body.id,
      title: '电工（五级）理论考试',
      windowStart: new Date(Date.now() - 60_000).toISOString(),
      windowEnd: new Date(Date.now() + 86_400_000).toISOString(),
      timeLimitMinutes: 120,
      maxAttempts: 1,
    });
    if (exam.status !== 201) throw new Error(`exam: ${exam.status} ${JSON.stringify(exam.body)}`);
    return { examId: exam.body.id, classId, learners };
  } finally {
    await platform.close();
  }
}
