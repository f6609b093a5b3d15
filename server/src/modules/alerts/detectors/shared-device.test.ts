import { describe, expect, it } from 'vitest';
import { detectSharedDevice } from './shared-device.js';
import { session, T0, thresholds } from './testkit.js';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

describe('one device on several accounts', () => {
  const t = thresholds();

  it('flags a device serving accounts of several institutions within a week', () => {
    const list = [
      session('a', T0, { deviceId: 'pc', institutionId: 'inst-a' }),
      session('b', T0 + DAY, { deviceId: 'pc', institutionId: 'inst-b' }),
      session('c', T0 + 3 * DAY, { deviceId: 'pc', institutionId: 'inst-c', classId: 'class-c' }),
    ];
    const findings = detectSharedDevice(list, () => t);
    expect(findings.map((f) => f.userId).sort()).toEqual(['a', 'b', 'c']);
    expect(findings.find((f) => f.userId === 'c')).toMatchObject({
      kind: 'shared_device',
      classId: 'class-c',
      facts: { accounts: 3, institutions: 3, signals: ['accounts'] },
    });
  });

  it('flags a device rotating accounts through the day, and one device id used by two accounts at once', () => {
    const rotation = Array.from({ length: 8 }, (_, i) =>
      session(`u${i % 2}`, T0 + i * 40 * MIN, { deviceId: 'studio-pc', lastAt: T0 + i * 40 * MIN + 35 * MIN }),
    );
    expect(new Set(detectSharedDevice(rotation, () => t).map((f) => f.userId))).toEqual(new Set(['u0', 'u1']));
    const cloned = [
      session('x', T0, { deviceId: 'copied', lastAt: T0 + 60 * MIN }),
      session('y', T0 + 10 * MIN, { deviceId: 'copied' }),
    ];
    const [f] = detectSharedDevice(cloned, () => t);
    expect(f).toMatchObject({ severity: 'high', facts: { signals: ['overlap'] } });
  });

  it('leaves a family computer and a training room computer used in turns by one institution alone', () => {
    const family = [
      session('h', T0, { deviceId: 'home', lastAt: T0 + 40 * MIN }),
      session('w', T0 + 60 * MIN, { deviceId: 'home', institutionId: 'inst-b' }),
      session('h', T0 + DAY, { deviceId: 'home', lastAt: T0 + DAY + 30 * MIN }),
    ];
    const room = Array.from({ length: 5 }, (_, i) => session(`r${i}`, T0 + i * DAY, { deviceId: 'room-pc-7' }));
    expect(detectSharedDevice([...family, ...room], () => t)).toEqual([]);
  });
});
