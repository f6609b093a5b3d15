import { createRequire } from 'node:module';
import { isIP } from 'node:net';

// Offline IP geolocation for early warning (foreign addresses, addresses outside the class's province). The data
// ships inside the `ip2region` npm package (MIT; IPv4 data from the ip2region project, IPv6 data from the ZX ipv6wry
// file bundled with it), ~12 MB unpacked, loaded once on first use: nothing is fetched at run time.

export type GeoPlace = {
  /** mainland: inside mainland China; abroad: anywhere else (Hong Kong, Macao and Taiwan included, as 境外); unknown: private or unlisted. */
  area: 'mainland' | 'abroad' | 'unknown';
  /** Two-digit province code (33 = Zhejiang) when known. */
  province: string | null;
  /** What the database calls the place, for evidence (e.g. "美国", "中国 浙江省 杭州市"). */
  label: string;
  /** The network operator as the database names it ("移动", "电信", "中国移动CMNET网络", "Level3"; '' unknown). */
  isp: string;
  /**
   * A mobile carrier's address, shared by many subscribers behind carrier-grade NAT. The database names the operator,
   * not the access type: China Mobile's addresses (its mobile network and its broadband, both largely behind
   * carrier-grade NAT) count; China Telecom's and China Unicom's mobile pools cannot be told from their fixed lines.
   */
  sharedCarrier: boolean;
};

/** Operators whose public addresses are typically shared by many subscribers (see GeoPlace.sharedCarrier). */
export const SHARED_CARRIER_ISP = /移动|CMNET|China Mobile/i;

export interface GeoLocator {
  locate(ip: string): GeoPlace;
}

// Province names as ip2region writes them (with or without 省/市/自治区) → GB/T 2260 province prefix.
const PROVINCES: Record<string, string> = {
  北京: '11',
  天津: '12',
  河北: '13',
  山西: '14',
  内蒙古: '15',
  辽宁: '21',
  吉林: '22',
  黑龙江: '23',
  上海: '31',
  江苏: '32',
  浙江: '33',
  安徽: '34',
  福建: '35',
  江西: '36',
  山东: '37',
  河南: '41',
  湖北: '42',
  湖南: '43',
  广东: '44',
  广西: '45',
  海南: '46',
  重庆: '50',
  四川: '51',
  贵州: '52',
  云南: '53',
  西藏: '54',
  陕西: '61',
  甘肃: '62',
  青海: '63',
  宁夏: '64',
  新疆: '65',
  台湾: '71',
  香港: '81',
  澳门: '82',
};
const OUTSIDE_MAINLAND = new Set(['71', '81', '82']);

export function provinceCodeOf(name: string): string | null {
  if (!name) return null;
  for (const [prefix, code] of Object.entries(PROVINCES)) if (name.startsWith(prefix)) return code;
  return null;
}

/** Loopback, private, link-local, carrier-grade NAT and unique-local addresses say nothing about a place. */
export function isPrivateIp(ip: string): boolean {
  const v = isIP(ip);
  if (v === 4) {
    const [a, b] = ip.split('.').map(Number) as [number, number];
    return (
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  if (v === 6) {
    const lower = ip.toLowerCase();
    if (lower.startsWith('::ffff:')) return isPrivateIp(lower.slice(7));
    return (
      lower === '::1' || lower === '::' || lower.startsWith('fc') || lower.startsWith('fd') || lower.startsWith('fe80')
    );
  }
  return true;
}

/** The part of an address that one household or office keeps for a while: /24 for IPv4, /48 for IPv6. */
export function networkOf(ip: string): string {
  const lower = ip.toLowerCase().startsWith('::ffff:') ? ip.slice(7) : ip;
  if (isIP(lower) === 4) return lower.split('.').slice(0, 3).join('.');
  if (isIP(lower) === 6) {
    const [head = '', tail] = lower.split('::');
    const groups = head.split(':').filter(Boolean);
    const padded =
      tail === undefined ? groups : [...groups, ...Array<string>(Math.max(0, 3 - groups.length)).fill('0')];
    return padded.slice(0, 3).join(':');
  }
  return lower;
}

type Raw = { country: string; province: string; city: string; isp?: string } | null;

/** ip2region behind the GeoLocator port; results cached per address (addresses repeat a lot within a scan). */
export class Ip2RegionLocator implements GeoLocator {
  private searcher: { search(ip: string): Raw } | null = null;
  private readonly cache = new Map<string, GeoPlace>();

  private search(ip: string): Raw {
    if (!this.searcher) {
      const require = createRequire(import.meta.url);
      const IP2Region = (require('ip2region') as { default: new (o?: object) => { search(ip: string): Raw } }).default;
      this.searcher = new IP2Region();
    }
    try {
      return this.searcher.search(ip);
    } catch {
      return null;
    }
  }

  locate(ip: string): GeoPlace {
    const hit = this.cache.get(ip);
    if (hit) return hit;
    const place = this.resolve(ip);
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(ip, place);
    return place;
  }

  private resolve(ip: string): GeoPlace {
    const none: GeoPlace = { area: 'unknown', province: null, label: '', isp: '', sharedCarrier: false };
    if (isPrivateIp(ip)) return none;
    const raw = this.search(ip.toLowerCase().startsWith('::ffff:') ? ip.slice(7) : ip);
    if (!raw || !raw.country) return none;
    const label = [raw.country, raw.province, raw.city].filter(Boolean).join(' ');
    const isp = raw.isp ?? '';
    const network = { isp, sharedCarrier: raw.country === '中国' && SHARED_CARRIER_ISP.test(isp) };
    if (raw.country !== '中国') return { area: 'abroad', province: null, label, ...network };
    const province = provinceCodeOf(raw.province);
    if (province && OUTSIDE_MAINLAND.has(province)) return { area: 'abroad', province, label, ...network };
    return { area: 'mainland', province, label, ...network };
  }
}

let shared: Ip2RegionLocator | null = null;
/** One locator per process: the database is ~9 MB in memory. */
export function sharedGeoLocator(): GeoLocator {
  shared ??= new Ip2RegionLocator();
  return shared;
}
