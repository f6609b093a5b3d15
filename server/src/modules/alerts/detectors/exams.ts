import type { RoomFact } from './group-ip.js';
import { capEvidence, MINUTE, type EvidenceRef, type Finding, type Thresholds } from './types.js';

// Exam detectors (issue 16), pure, over facts the detection service reads from the exam tables and the evidence chain:
//  - identical answer sequences: two learners of one class whose attempts of one exam answer every question they both
//    answered alike, over at least `examIdenticalMinItems` questions. Questions are matched by version, not by place,
//    because each attempt draws its own order; a copied paper shows through the shuffle.
//  - many attempts from one address at once: `examIpMinLearners` learners starting one exam from one address within
//    `examIpWindowMinutes` (a room of proxies, or one person taking the exam for several). The institution's own
//    learners in a training room it declared on that address are a class sitting its exam there, not flagged unless
//    more of them start than the room seats (as group learning judges rooms, detectors/group-ip.ts).
//  - face mismatches during the exam: face checks of one attempt that showed another face.

export type ExamAttemptFact = {
  attemptId: string;
  examId: string;
  classId: string;
  /** The class's institution: whose exam it is (and whose declared rooms count). */
  institutionId: string;
  userId: string;
  startedAt: number;
  ip: string;
  /** The answers as saved, by question version. */
  answers: ReadonlyMap<string, string>;
  /** The learner's `exam_submitted` (or `exam_started`) record: the evidence an alert names. */
  recordId: string | null;
};
export type ExamFaceFact = { faceCheckId: string; attemptId: string; userId: string; classId: string; at: number };

function ref(a: ExamAttemptFact, note: string): EvidenceRef[] {
  return a.recordId ? [{ type: 'learning_record', id: a.recordId, at: a.startedAt, userId: a.userId, note }] : [];
}

/** Groups of learners of one exam whose answer sequences are identical; one finding per learner of a group. */
export function detectIdenticalAnswers(attempts: readonly ExamAttemptFact[], t: Thresholds): Finding[] {
  const byExam = new Map<string, ExamAttemptFact[]>();
  for (const a of attempts) byExam.set(a.examId, [...(byExam.get(a.examId) ?? []), a]);
  const findings: Finding[] = [];
  for (const [examId, list] of byExam) {
    const partners = new Map<string, Set<ExamAttemptFact>>();
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const [a, b] = [list[i], list[j]];
        if (a.userId === b.userId) continue;
        let shared = 0;
        let alike = true;
        for (const [version, answer] of a.answers) {
          const other = b.answers.get(version);
          if (other === undefined) continue;
          shared += 1;
          if (other !== answer) {
            alike = false;
            break;
          }
        }
        if (!alike || shared < t.examIdenticalMinItems) continue;
        partners.set(a.attemptId, (partners.get(a.attemptId) ?? new Set()).add(b));
        partners.set(b.attemptId, (partners.get(b.attemptId) ?? new Set()).add(a));
      }
    for (const a of list) {
      const others = partners.get(a.attemptId);
      if (!others) continue;
      const people = new Set([...others].map((o) => o.userId));
      findings.push({
        kind: 'exam_identical_answers',
        subject: { type: 'learner', id: a.userId },
        userId: a.userId,
        classId: a.classId,
        severity: people.size >= 2 ? 'high' : 'medium',
        windowKey: `${examId}`,
        windowStart: Math.min(a.startedAt, ...[...others].map((o) => o.startedAt)),
        windowEnd: Math.max(a.startedAt, ...[...others].map((o) => o.startedAt)),
        facts: {
          examId,
          answered: a.answers.size,
          sameAs: [...people],
          minItems: t.examIdenticalMinItems,
        },
        evidence: capEvidence([...ref(a, 'attempt'), ...[...others].flatMap((o) => ref(o, 'identical attempt'))]),
        sessionIds: [],
      });
    }
  }
  return findings;
}

/**
 * Learners starting one exam from one address within the window: one finding per learner of the crowd. `roomsAt`
 * gives the declared training rooms whose range holds an address: in a room of the exam's own institution the crowd
 * is flagged only above the room's seats (capped by the policy's `trainingRoomMaxSeats`).
 */
export function detectSharedExamIp(
  attempts: readonly ExamAttemptFact[],
  t: Thresholds,
  roomsAt: (ip: string) => readonly RoomFact[] = () => [],
): Finding[] {
  const groups = new Map<string, ExamAttemptFact[]>();
  for (const a of attempts) groups.set(`${a.examId}|${a.ip}`, [...(groups.get(`${a.examId}|${a.ip}`) ?? []), a]);
  const windowMs = t.examIpWindowMinutes * MINUTE;
  const findings: Finding[] = [];
  for (const list of groups.values()) {
    const sorted = [...list].sort((x, y) => x.startedAt - y.startedAt);
    // The largest crowd of distinct learners inside any window of the given length.
    let best: ExamAttemptFact[] = [];
    for (let i = 0, j = 0; j < sorted.length; j++) {
      while (sorted[j].startedAt - sorted[i].startedAt > windowMs) i++;
      const inside = sorted.slice(i, j + 1);
      if (new Set(inside.map((a) => a.userId)).size > new Set(best.map((a) => a.userId)).size) best = inside;
    }
    const learners = new Set(best.map((a) => a.userId));
    if (learners.size < t.examIpMinLearners) continue;
    // The exam's institution's own room on this address (the largest, if ranges overlap).
    const room = roomsAt(best[0].ip)
      .filter((r) => r.institutionId === best[0].institutionId)
      .sort((x, y) => y.seats - x.seats)[0];
    const seats = room ? Math.min(room.seats, t.trainingRoomMaxSeats) : null;
    if (seats !== null && learners.size <= seats) continue;
    const start = best[0].startedAt;
    const end = best[best.length - 1].startedAt;
    for (const a of best)
      findings.push({
        kind: 'exam_shared_ip',
        subject: { type: 'learner', id: a.userId },
        userId: a.userId,
        classId: a.classId,
        severity: learners.size >= 2 * t.examIpMinLearners ? 'high' : 'medium',
        windowKey: `${a.examId}|${a.ip}`,
        windowStart: start,
        windowEnd: end,
        facts: {
          examId: a.examId,
          ip: a.ip,
          learners: learners.size,
          windowMinutes: t.examIpWindowMinutes,
          ...(room ? { room: { name: room.name, seats } } : {}),
        },
        evidence: capEvidence(best.flatMap((o) => ref(o, a.ip))),
        sessionIds: [],
      });
  }
  return findings;
}

/** Face checks of one attempt showing another face, at the policy's count: one finding per attempt. */
export function detectExamFaceMismatch(mismatches: readonly ExamFaceFact[], t: Thresholds): Finding[] {
  const byAttempt = new Map<string, ExamFaceFact[]>();
  for (const m of mismatches) byAttempt.set(m.attemptId, [...(byAttempt.get(m.attemptId) ?? []), m]);
  const findings: Finding[] = [];
  for (const [attemptId, list] of byAttempt) {
    if (list.length < t.examFaceMismatchCount) continue;
    const first = list[0];
    findings.push({
      kind: 'exam_face_mismatch',
      subject: { type: 'learner', id: first.userId },
      userId: first.userId,
      classId: first.classId,
      severity: 'high',
      windowKey: attemptId,
      windowStart: Math.min(...list.map((m) => m.at)),
      windowEnd: Math.max(...list.map((m) => m.at)),
      facts: { attemptId, mismatches: list.length },
      evidence: capEvidence(
        list.map((m) => ({ type: 'face_check' as const, id: m.faceCheckId, at: m.at, userId: m.userId })),
      ),
      sessionIds: [],
    });
  }
  return findings;
}
