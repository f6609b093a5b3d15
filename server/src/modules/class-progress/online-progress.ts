// The port through which class progress reads online learning: what the learning engine has credited to each
// learner of a class (verified seconds, completed lessons). Class hours are made from it with the class's policy.

export type OnlineCredit = {
  creditedSeconds: number;
  lessonsCompleted: number;
  lessonsTotal: number;
  /** The same credit recomputed from the evidence chain at this read, and whether the stored figure equals it. */
  chain?: { creditedSeconds: number; matches: boolean };
};
export type LessonCredit = {
  lessonId: string;
  creditedSeconds: number;
  completed: boolean;
  chain?: { creditedSeconds: number; matches: boolean };
};

export interface OnlineProgressReader {
  /** Per learner of the class (userId → credit); learners without an entry count as having nothing credited. */
  forClass(classId: string): Promise<Map<string /* userId */, OnlineCredit>>;
  /** Per lesson of the class's courses, for one learner. */
  forLearner(classId: string, userId: string): Promise<LessonCredit[]>;
}
