// The pass rule of a class's assessment (issue 16): theory and practical are each marked out of 100 and the learner
// passes only when both reach their pass mark. A part not taken yet has no mark and is not passed.

export type PassMarks = { theory: number; practical: number };
export type AssessmentOutcome = {
  theoryScore: number | null;
  theoryPassed: boolean;
  practicalScore: number | null;
  practicalPassed: boolean;
  passed: boolean;
};

export function assessmentOutcome(
  theory: number | null,
  practical: number | null,
  passMarks: PassMarks,
): AssessmentOutcome {
  const theoryPassed = theory !== null && theory >= passMarks.theory;
  const practicalPassed = practical !== null && practical >= passMarks.practical;
  return {
    theoryScore: theory,
    theoryPassed,
    practicalScore: practical,
    practicalPassed,
    passed: theoryPassed && practicalPassed,
  };
}

/** The practical mark: points entered per item over the items' maxima, out of 100; null until every item is scored. */
export function practicalMark(items: { id: string; maxScore: number }[], scores: Map<string, number>): number | null {
  if (items.length === 0 || items.some((i) => !scores.has(i.id))) return null;
  const max = items.reduce((sum, i) => sum + i.maxScore, 0);
  const got = items.reduce((sum, i) => sum + scores.get(i.id)!, 0);
  return max <= 0 ? 0 : Math.round((got / max) * 1000) / 10;
}
