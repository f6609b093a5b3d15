import { describe, expect, it } from 'vitest';
import { NATIONAL_POLICY } from '../../catalog/index.js';
import { applyOverride, checkPolicy, type PolicyDocument } from '../../policies/index.js';
import { thresholdsOf } from './index.js';

describe('detector thresholds are policy', () => {
  it("take a region's override of single fields over the national defaults, and the engine's timing", () => {
    expect(checkPolicy('override', { alerts: { groupMinAccounts: 10, foreignIpProvince: true } })).toEqual([]);
    const zhejiang = applyOverride(NATIONAL_POLICY, {
      heartbeatSeconds: 30,
      alerts: { groupMinAccounts: 10, foreignIpProvince: true },
    });
    const t = thresholdsOf(zhejiang);
    expect(t).toMatchObject({
      groupMinAccounts: 10,
      foreignIpProvince: true,
      heartbeatSeconds: 30,
      groupMinInstitutions: NATIONAL_POLICY.alerts!.groupMinInstitutions,
    });
  });

  it('keep documents published before early warning valid, and refuse unknown or out-of-range fields', () => {
    const { alerts: _omitted, ...older } = NATIONAL_POLICY;
    expect(checkPolicy('document', older)).toEqual([]);
    expect(thresholdsOf(older as PolicyDocument)).toMatchObject({
      seekAheadPerHour: NATIONAL_POLICY.alerts!.seekAheadPerHour,
    });
    expect(checkPolicy('override', { alerts: { groupMinAccount: 3 } })).not.toEqual([]);
    expect(checkPolicy('override', { alerts: { groupMinAccounts: 1 } })).not.toEqual([]);
  });
});
