import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema.js';
import type { TheoryProgress } from '../classes/attendance.js';

/** Online theory is complete when every lesson of the class's courses has been completed under supervision. */
export class LearningTheoryProgress implements TheoryProgress {
  constructor(private readonly deps: { db: Kysely<Database> }) {}

  async isTheoryComplete(userId: string, classId: string): Promise<boolean> {
    const row = await this.deps.db.selectFrom('lessons')
      .innerJoin('class_courses', 'class_courses.course_id', 'lessons.course_id')
      .leftJoin('lesson_progress', (join) => join.onRef('lesson_progress.lesson_id', '=', 'lessons.id')
        .on('lesson_progress.user_id', '=', userId).on('lesson_progress.class_id', '=', classId))
      .select((eb) => [eb.fn.countAll<number>().as('lessons'), eb.fn.count<number>('lesson_progress.completed_at').as('completed')])
      .where('class_courses.class_id', '=', classId).executeTakeFirstOrThrow();
    return Number(row.completed) >= Number(row.lessons);
  }
}
