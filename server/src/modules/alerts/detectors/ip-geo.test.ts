import { describe, expect, it } from 'vitest';
import { Ip2RegionLocator, isPrivateIp, networkOf } from '../../../adapters/geoip.js';
import { detectForeignIp, detectManyIps } from './ip-geo.js';
import { Recorder, T0, thresholds } from './testkit.js';

const MIN = 60_000;
const geo = new Ip2RegionLocator();
const zhejiang = () => '33';

describe('offline IP geolocation', () => {
  it('places addresses by the database shipped in the package, with no network', () => {
    expect(geo.locate('115.236.9.1')).toMatchObject({ area: 'mainland', province: '33' });
    expect(geo.locate('220.181.38.148')).toMatchObject({ area: 'mainland', province: '11' });
    expect(geo.locate('8.8.8.8')).toMatchObject({ area: 'abroad' });
    // Hong Kong, Macao and Taiwan count as outside the mainland (境外).
    expect(geo.locate('202.45.84.1')).toMatchObject({ area: 'abroad', province: '81' });
    expect(geo.locate('10.1.2.3')).toMatchObject({ area: 'unknown' });
    expect(isPrivateIp('::1')).toBe(true);
    expect(isPrivateIp('100.64.3.4')).toBe(true);
    expect(networkOf('115.236.9.77')).toBe('115.236.9');
    expect(networkOf('240e:47d:c20:1627::1')).toBe('240e:47d:c20');
  });

  it("names the operator and marks China Mobile's shared addresses (carrier-grade NAT), not other operators", () => {
    expect(geo.locate('223.104.1.1')).toMatchObject({ area: 'mainland', isp: '移动', sharedCarrier: true });
    expect(geo.locate('2409:8900::1')).toMatchObject({ sharedCarrier: true });
    expect(geo.locate('115.236.9.1')).toMatchObject({ isp: '电信', sharedCarrier: false });
    expect(geo.locate('8.8.8.8')).toMatchObject({ sharedCarrier: false });
    expect(geo.locate('10.1.2.3')).toMatchObject({ isp: '', sharedCarrier: false });
  });
});

describe('foreign addresses', () => {
  it('flags learning from abroad, one alert per class and day', () => {
    const r = new Recorder();
    r.start('s1', T0, { ip: '8.8.8.8' });
    r.start('s2', T0 + 60 * MIN, { ip: '13.107.42.14' });
    r.start('s3', T0 + 120 * MIN, { ip: '115.236.9.1' });
    const findings = detectForeignIp(r.digest(), thresholds(), geo, zhejiang);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      kind: 'foreign_ip',
      severity: 'medium',
      facts: { scope: 'country', sessions: 2 },
      sessionIds: ['s1', 's2'],
    });
    expect(findings[0].facts.places).toEqual(expect.arrayContaining([expect.stringContaining('美国')]));
  });

  it('flags another province only where the policy says so', () => {
    const r = new Recorder();
    r.start('s1', T0, { ip: '220.181.38.148' }); // Beijing, class in Zhejiang
    expect(detectForeignIp(r.digest(), thresholds(), geo, zhejiang)).toEqual([]);
    expect(detectForeignIp(r.digest(), thresholds({ foreignIpProvince: true }), geo, zhejiang)).toMatchObject([
      { severity: 'low', facts: { scope: 'province' } },
    ]);
    expect(detectForeignIp(r.digest(), thresholds({ foreignIpProvince: true }), geo, () => '11')).toEqual([]);
  });
});

describe('many addresses in a short time', () => {
  it('flags four networks within the hour and not a phone moving between Wi-Fi and mobile data', () => {
    const proxy = new Recorder();
    ['1.180.0.1', '27.8.0.1', '36.40.0.1', '42.48.0.1'].forEach((ip, i) =>
      proxy.start(`s${i}`, T0 + i * 10 * MIN, { ip }),
    );
    expect(detectManyIps(proxy.digest(), thresholds())).toMatchObject([{ kind: 'many_ips', facts: { networks: 4 } }]);
    const phone = new Recorder();
    ['115.236.9.1', '223.104.3.9', '115.236.9.1', '223.104.7.1', '115.236.9.1'].forEach((ip, i) =>
      phone.start(`p${i}`, T0 + i * 10 * MIN, { ip }),
    );
    expect(detectManyIps(phone.digest(), thresholds())).toEqual([]);
    const slow = new Recorder();
    ['1.180.0.1', '27.8.0.1', '36.40.0.1', '42.48.0.1'].forEach((ip, i) =>
      slow.start(`s${i}`, T0 + i * 30 * MIN, { ip }),
    );
    expect(detectManyIps(slow.digest(), thresholds())).toEqual([]);
  });
});
