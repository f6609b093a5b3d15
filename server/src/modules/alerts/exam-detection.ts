import type { DbOrTrx } from '../../database/schema.js';
import {
  detectExamFaceMismatch,
  detectIdenticalAnswers,
  detectSharedExamIp,
  type ExamAttemptFact,
  type ExamFaceFact,
} from './detectors/exams.js';
import type { RoomFact } from './detectors/group-ip.js';
import type { Finding, Thresholds } from './detectors/types.js';

// The exam detectors' facts, read from the exam tables, the evidence chain and the face checks for the periodic scan:
// attempts finished since the last scan (compared with every finished attempt of the same exams), attempts started in
// the window, and face checks of exams since the last scan.

export async function examFindings(
  db: DbOrTrx,
  since: number,
  until: number,
  thresholdsFor: (classId: string) => Promise<Thresholds>,
  roomsAt: (ip: string) => readonly RoomFact[] = () => [],
): Promise<Finding[]> {
  const sinceIso = new Date(since).toISOString();
  const untilIso = new Date(until).toISOString();
  const finished = await db
    .selectFrom('exam_attempts')
    .select('exam_id')
    .distinct()
    .where('submitted_at', '>=', sinceIso)
    .where('submitted_at', '<=', untilIso)
    .execute();
  const started = await db
    .selectFrom('exam_attempts')
    .select('exam_id')
    .distinct()
    .where('started_at', '>=', new Date(since - 24 * 3_600_000).toISOString())
    .where('started_at', '<=', untilIso)
    .execute();
  const examIds = [...new Set([...finished, ...started].map((r) => r.exam_id))];
  const findings: Finding[] = [];
  for (const examId of examIds) {
    const rows = await db
      .selectFrom('exam_attempts')
      .innerJoin('classes', 'classes.id', 'exam_attempts.class_id')
      .select([
        'exam_attempts.id',
        'exam_attempts.exam_id',
        'exam_attempts.class_id',
        'classes.institution_id',
        'exam_attempts.user_id',
        'exam_attempts.started_at',
        'exam_attempts.ip',
        'exam_attempts.status',
      ])
      .where('exam_attempts.exam_id', '=', examId)
      .where('exam_attempts.started_at', 'is not', null)
      .execute();
    if (rows.length < 2) continue;
    const ids = rows.map((r) => r.id);
    const [answers, records] = await Promise.all([
      db
        .selectFrom('exam_answers')
        .select(['attempt_id', 'version_id', 'answer'])
        .where('attempt_id', 'in', ids)
        .execute(),
      db
        .selectFrom('learning_records')
        .select(['id', 'session_id'])
        .where('session_id', 'in', ids)
        .where('kind', 'in', ['exam_started', 'exam_submitted'])
        .execute(),
    ]);
    const facts: ExamAttemptFact[] = rows.map((r) => ({
      attemptId: r.id,
      examId: r.exam_id,
      classId: r.class_id,
      institutionId: r.institution_id,
      userId: r.user_id,
      startedAt: Date.parse(r.started_at!),
      ip: r.ip,
      answers: new Map(answers.filter((a) => a.attempt_id === r.id).map((a) => [a.version_id, a.answer])),
      recordId: records.filter((x) => x.session_id === r.id).at(-1)?.id ?? null,
    }));
    const t = await thresholdsFor(rows[0].class_id);
    const done = facts.filter((f) => rows.find((r) => r.id === f.attemptId)!.status !== 'open');
    findings.push(...detectIdenticalAnswers(done, t), ...detectSharedExamIp(facts, t, roomsAt));
  }
  const faces = await db
    .selectFrom('face_checks')
    .innerJoin('exam_attempts', 'exam_attempts.id', 'face_checks.context_id')
    .select([
      'face_checks.id',
      'face_checks.context_id',
      'face_checks.user_id',
      'face_checks.at',
      'exam_attempts.class_id',
    ])
    .where('face_checks.context_kind', '=', 'exam')
    .where('face_checks.reason', '=', 'mismatch')
    .where('face_checks.at', '>=', sinceIso)
    .execute();
  const byClass = new Map<string, ExamFaceFact[]>();
  for (const f of faces)
    byClass.set(f.class_id, [
      ...(byClass.get(f.class_id) ?? []),
      { faceCheckId: f.id, attemptId: f.context_id!, userId: f.user_id, classId: f.class_id, at: Date.parse(f.at) },
    ]);
  for (const [classId, list] of byClass) findings.push(...detectExamFaceMismatch(list, await thresholdsFor(classId)));
  return findings;
}
