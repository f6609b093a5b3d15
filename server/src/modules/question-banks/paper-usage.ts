import type { DbOrTrx } from '../../database/schema.js';

/**
 * Whether exams are set on a paper: the exams module answers it (services.ts wires it), as it sits above the banks.
 * A paper an exam uses is neither edited nor deleted (learners who start later would sit another paper than those
 * before them, and a deleted paper leaves the exam without one).
 */
export interface PaperUsage {
  /** How many exams are set on the paper. */
  examsOn(db: DbOrTrx, paperId: string): Promise<number>;
}
