import { describe, expect, it } from 'vitest';
import { cidrContains, cidrHostBits, parseCidr } from './cidr.js';

const ok = (text: string) => {
  const r = parseCidr(text);
  if (!r.ok) throw new Error(`${text}: ${r.reason}`);
  return r.cidr;
};

describe('CIDR ranges', () => {
  it('reads addresses and ranges of both families into a canonical form', () => {
    expect(ok('203.0.113.7').text).toBe('203.0.113.7/32');
    expect(ok(' 203.0.113.0/28 ').text).toBe('203.0.113.0/28');
    expect(ok('2001:DB8:0:0::/48').text).toBe('2001:db8::/48');
    expect(ok('2001:db8:1:2:3:4:5:6').text).toBe('2001:db8:1:2:3:4:5:6/128');
    expect(cidrHostBits(ok('203.0.113.0/24'))).toBe(8);
  });

  it('says why a range is refused', () => {
    expect(parseCidr('203.0.113')).toEqual({ ok: false, reason: 'format' });
    expect(parseCidr('203.0.113.0/24/1')).toEqual({ ok: false, reason: 'format' });
    expect(parseCidr('hello/24')).toEqual({ ok: false, reason: 'format' });
    expect(parseCidr('203.0.113.0/33')).toEqual({ ok: false, reason: 'prefix' });
    expect(parseCidr('203.0.113.0/2x')).toEqual({ ok: false, reason: 'prefix' });
    expect(parseCidr('203.0.113.7/24')).toEqual({ ok: false, reason: 'host_bits' });
  });

  it('knows which addresses lie inside, IPv4-mapped IPv6 included', () => {
    const room = ok('203.0.113.16/28');
    expect(cidrContains(room, '203.0.113.16')).toBe(true);
    expect(cidrContains(room, '203.0.113.31')).toBe(true);
    expect(cidrContains(room, '::ffff:203.0.113.20')).toBe(true);
    expect(cidrContains(room, '203.0.113.32')).toBe(false);
    expect(cidrContains(room, '2001:db8::1')).toBe(false);
    expect(cidrContains(room, 'not-an-ip')).toBe(false);
    const v6 = ok('2001:db8:1::/48');
    expect(cidrContains(v6, '2001:db8:1:ffff::9')).toBe(true);
    expect(cidrContains(v6, '2001:db8:2::9')).toBe(false);
    expect(cidrContains(ok('0.0.0.0/0'), '8.8.8.8')).toBe(true);
  });
});
