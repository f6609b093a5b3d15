import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema.js';
import type { TheoryProgress } from '../attendance/index.js';
import type { LessonCredit, OnlineCredit, OnlineProgressReader } from '../class-progress/index.js';
import { chainCreditByLearner, chainLessonCredit } from './derived.js';

/** Online theory is complete when every lesson of the class's courses has been completed under supervision. */
export class LearningTheoryProgress implements TheoryProgress {
  constructor(private readonly deps: { db: Kysely<Database> }) {}

  async isTheoryComplete(userId: string, classId: string): Promise<boolean> {
    const row = await this.deps.db
      .selectFrom('lessons')
      .innerJoin('class_courses', 'class_courses.course_id', 'lessons.course_id')
      .leftJoin('lesson_progress', (join) =>
        join
          .onRef('lesson_progress.lesson_id', '=', 'lessons.id')
          .on('lesson_progress.user_id', '=', userId)
          .on('lesson_progress.class_id', '=', classId),
      )
      .select((eb) => [
        eb.fn.countAll<number>().as('lessons'),
        eb.fn.count<number>('lesson_progress.completed_at').as('completed'),
      ])
      .where('class_courses.class_id', '=', classId)
      .executeTakeFirstOrThrow();
    return Number(row.completed) >= Number(row.lessons);
  }
}

/** Class progress reads online credit from the learning engine's progress rows (derived from the evidence chain). */
export class LearningOnlineProgress implements OnlineProgressReader {
  constructor(private readonly deps: { db: Kysely<Database> }) {}

  private lessonIds(classId: string) {
    return this.deps.db
      .selectFrom('lessons')
      .innerJoin('class_courses', 'class_courses.course_id', 'lessons.course_id')
      .select('lessons.id')
      .where('class_courses.class_id', '=', classId)
      .execute();
  }

  async forClass(classId: string): Promise<Map<string, OnlineCredit>> {
    const [lessons, learners, credit, chain] = await Promise.all([
      this.lessonIds(classId),
      this.deps.db.selectFrom('enrolments').select('user_id').where('class_id', '=', classId).execute(),
      this.deps.db
        .selectFrom('lesson_progress')
        .select((eb) => [
          'user_id',
          eb.fn.sum<number>('credited_ms').as('credited'),
          eb.fn.count<number>('completed_at').as('completed'),
        ])
        .where('class_id', '=', classId)
        .groupBy('user_id')
        .execute(),
      chainCreditByLearner(this.deps.db, classId),
    ]);
    return new Map(
      learners.map((l) => {
        const mine = credit.find((c) => c.user_id === l.user_id);
        const storedMs = Number(mine?.credited ?? 0);
        const chainMs = chain.get(l.user_id) ?? 0;
        return [
          l.user_id,
          {
            creditedSeconds: Math.floor(storedMs / 1000),
            lessonsCompleted: Number(mine?.completed ?? 0),
            lessonsTotal: lessons.length,
            chain: { creditedSeconds: Math.floor(chainMs / 1000), matches: chainMs === storedMs },
          },
        ];
      }),
    );
  }

  async forLearner(classId: string, userId: string): Promise<LessonCredit[]> {
    const [lessons, rows] = await Promise.all([
      this.lessonIds(classId),
      this.deps.db
        .selectFrom('lesson_progress')
        .select(['lesson_id', 'credited_ms', 'completed_at'])
        .where('class_id', '=', classId)
        .where('user_id', '=', userId)
        .execute(),
    ]);
    const chain = await chainLessonCredit(this.deps.db, userId, classId);
    return lessons.map((l) => {
      const row = rows.find((r) => r.lesson_id === l.id);
      const storedMs = Number(row?.credited_ms ?? 0);
      const chainMs = chain.get(l.id) ?? 0;
      return {
        lessonId: l.id,
        creditedSeconds: Math.floor(storedMs / 1000),
        completed: !!row?.completed_at,
        chain: { creditedSeconds: Math.floor(chainMs / 1000), matches: chainMs === storedMs },
      };
    });
  }
}
