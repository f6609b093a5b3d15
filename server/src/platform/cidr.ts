import ipaddr from 'ipaddr.js';

// Address ranges (CIDR) for IPv4 and IPv6 on ipaddr.js: parsing with a precise reason, a canonical text form (the
// network address and prefix), and membership of an address. IPv4-mapped IPv6 addresses count as their IPv4 address.

type Address = ipaddr.IPv4 | ipaddr.IPv6;
export type Cidr = { version: 4 | 6; network: Address; prefix: number; text: string };
export type CidrError = 'format' | 'prefix' | 'host_bits';

const versionOf = (a: Address): 4 | 6 => (a.kind() === 'ipv4' ? 4 : 6);

function address(text: string): Address | null {
  // isValid accepts shorthand IPv4 ("203.0.113" = 203.0.0.113); only the four-part form is an address here.
  if (!ipaddr.isValid(text) || (!text.includes(':') && !ipaddr.IPv4.isValidFourPartDecimal(text))) return null;
  return ipaddr.process(text);
}

/**
 * A range as the institution typed it: an address ("1.2.3.4" = /32) or address/prefix. Host bits set below the
 * prefix are refused rather than silently cleared: "1.2.3.77/24" is more likely a typo for /32 than a wish for /24.
 */
export function parseCidr(input: string): { ok: true; cidr: Cidr } | { ok: false; reason: CidrError } {
  const [addr = '', prefixText, extra] = input.trim().split('/');
  if (extra !== undefined) return { ok: false, reason: 'format' };
  const ip = address(addr);
  if (!ip) return { ok: false, reason: 'format' };
  const version = versionOf(ip);
  const bits = version === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return { ok: false, reason: 'prefix' };
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (prefix > bits) return { ok: false, reason: 'prefix' };
  const network =
    version === 4
      ? ipaddr.IPv4.networkAddressFromCIDR(`${ip.toString()}/${prefix}`)
      : ipaddr.IPv6.networkAddressFromCIDR(`${ip.toString()}/${prefix}`);
  if (network.toString() !== ip.toString()) return { ok: false, reason: 'host_bits' };
  return { ok: true, cidr: { version, network: ip, prefix, text: `${ip.toString()}/${prefix}` } };
}

/** Whether the address lies in the range (IPv4-mapped IPv6 addresses count as their IPv4 address). */
export function cidrContains(cidr: Cidr, ip: string): boolean {
  const a = address(ip.trim());
  if (!a || versionOf(a) !== cidr.version) return false;
  return a.match(cidr.network, cidr.prefix);
}

/** How many addresses the range holds, as a power of two (a /24 is 8: 256 addresses). */
export function cidrHostBits(cidr: Cidr): number {
  return (cidr.version === 4 ? 32 : 128) - cidr.prefix;
}
