import { describe, expect, it } from 'vitest';
import { NATIONAL_POLICY } from '../catalog/index.js';
import { applyOverride, checkPolicy, type PolicyDocument } from '../policies/index.js';
import { faceRules } from './face-checks.js';

// The face-check rules of a class come from its policy; the liveness switch, the limits of misses and the free retakes
// were added later, so documents published before them stay valid and take the national defaults.

const before: PolicyDocument = {
  ...NATIONAL_POLICY,
  faceCheck: { minPerLesson: 1, maxIntervalMinutes: 15, responseSeconds: 60, retries: 3 },
};

describe('face-check rules from the policy', () => {
  it('accepts documents without the liveness switch and the limits, and gives them the national defaults', () => {
    expect(checkPolicy('document', before)).toEqual([]);
    expect(faceRules(before, true)).toEqual({
      enabled: true,
      minPerLesson: 1,
      maxIntervalMinutes: 15,
      responseSeconds: 60,
      retries: 3,
      liveness: true,
      maxMissesPerLesson: 3,
      maxMissesPerClass: 10,
      freeRetakes: 5,
    });
  });

  it('lets a region switch liveness off, change the limits, or ask for no face checks at all', () => {
    const override = { faceCheck: { liveness: false, maxMissesPerLesson: 0, maxMissesPerClass: 5, freeRetakes: 1 } };
    expect(checkPolicy('override', override)).toEqual([]);
    expect(faceRules(applyOverride(before, override), true)).toMatchObject({
      enabled: true,
      liveness: false,
      maxMissesPerLesson: 0,
      maxMissesPerClass: 5,
      freeRetakes: 1,
    });
    expect(faceRules(applyOverride(before, { faceCheck: { minPerLesson: 0 } }), true)).toMatchObject({
      enabled: false,
    });
    // Without a face engine there are no face checks whatever the policy says.
    expect(faceRules(before, false)).toMatchObject({ enabled: false });
  });

  it('refuses values of the wrong kind or out of range', () => {
    expect(checkPolicy('override', { faceCheck: { liveness: 'yes' } })).not.toEqual([]);
    expect(checkPolicy('override', { faceCheck: { maxMissesPerLesson: -1 } })).not.toEqual([]);
    expect(checkPolicy('override', { faceCheck: { maxMissesPerClass: 1000 } })).not.toEqual([]);
    expect(checkPolicy('override', { faceCheck: { freeRetakes: -1 } })).not.toEqual([]);
    expect(checkPolicy('override', { faceCheck: { freeRetakes: 1.5 } })).not.toEqual([]);
  });
});
