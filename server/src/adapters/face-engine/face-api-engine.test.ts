import { describe, expect, it } from 'vitest';
import { FACE_API_CALIBRATIONS } from './calibration.js';
import { faceEngineOptionsFromEnv } from './face-api-engine.js';

describe('face engine settings from the environment', () => {
  it('runs the tiny detector at 320 px with its own calibrated threshold by default', () => {
    expect(faceEngineOptionsFromEnv({})).toMatchObject({
      workers: 1,
      detector: { kind: 'tiny', inputSize: 320 },
      threshold: FACE_API_CALIBRATIONS.tiny.threshold,
    });
  });

  it('switches to SSD with the threshold calibrated for SSD, unless one is given', () => {
    expect(faceEngineOptionsFromEnv({ YX_FACE_DETECTOR: 'ssd' })).toMatchObject({
      detector: { kind: 'ssd' },
      threshold: FACE_API_CALIBRATIONS.ssd.threshold,
    });
    expect(faceEngineOptionsFromEnv({ YX_FACE_DETECTOR: 'ssd', YX_FACE_THRESHOLD: '0.5' })).toMatchObject({
      detector: { kind: 'ssd' },
      threshold: 0.5,
    });
  });

  it('refuses an unknown detector', () => {
    expect(() => faceEngineOptionsFromEnv({ YX_FACE_DETECTOR: 'mtcnn' })).toThrow(/YX_FACE_DETECTOR/);
  });
});
