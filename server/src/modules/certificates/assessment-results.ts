import type { DbOrTrx } from '../../database/schema.js';

// The port through which certificates read a learner's assessment outcome in a class (理论考核 and 实操考核). The
// exams module implements it and services.ts wires it; certificates never imports exams. Until it is wired,
// `noAssessmentResults` answers "no result" for everyone, so nobody is certified without passing both assessments.

export type AssessmentOutcome = {
  theoryScore: number | null;
  theoryPassed: boolean;
  practicalScore: number | null;
  practicalPassed: boolean;
  passed: boolean;
};

export interface AssessmentResults {
  outcomeOf(db: DbOrTrx, classId: string, learnerId: string): Promise<AssessmentOutcome>;
}

export const noAssessmentResults: AssessmentResults = {
  outcomeOf: async () => ({
    theoryScore: null,
    theoryPassed: false,
    practicalScore: null,
    practicalPassed: false,
    passed: false,
  }),
};
