import { isIP } from 'node:net';

// Address ranges (CIDR) for IPv4 and IPv6, pure: parsing with a precise reason, a canonical text form (the network
// address and prefix, so "1.2.3.77/24" and "1.2.3.0/24" are the same range), and membership of an address.

export type Cidr = { version: 4 | 6; network: bigint; prefix: number; text: string };
export type CidrError = 'format' | 'prefix' | 'host_bits';

function toBigInt(ip: string): { version: 4 | 6; value: bigint } | null {
  let text = ip.trim();
  if (text.toLowerCase().startsWith('::ffff:') && isIP(text.slice(7)) === 4) text = text.slice(7);
  const v = isIP(text);
  if (v === 4) {
    const value = text.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
    return { version: 4, value };
  }
  if (v === 6) {
    let [head = '', tail] = text.toLowerCase().split('::') as [string, string | undefined];
    // An embedded IPv4 tail (::ffff:1.2.3.4 handled above; 64:ff9b::1.2.3.4 here) becomes two groups.
    const embed = (s: string) => s.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_, a, b, c, d) =>
      `${((Number(a) << 8) | Number(b)).toString(16)}:${((Number(c) << 8) | Number(d)).toString(16)}`);
    head = embed(head);
    const left = head ? head.split(':') : [];
    const right = tail === undefined ? [] : (embed(tail) ? embed(tail).split(':') : []);
    const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
    if (groups.length !== 8) return null;
    return { version: 6, value: groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g || '0', 16)), 0n) };
  }
  return null;
}

function format(version: 4 | 6, value: bigint): string {
  if (version === 4) return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 255n)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => ((value >> BigInt(112 - 16 * i)) & 0xffffn).toString(16));
  // Compress the longest run of zero groups (RFC 5952).
  let best = -1; let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== '0') { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen && j - i > 1) { best = i; bestLen = j - i; }
    i = j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}

/**
 * A range as the institution typed it: an address ("1.2.3.4" = /32) or address/prefix. Host bits set below the
 * prefix are refused rather than silently cleared: "1.2.3.77/24" is more likely a typo for /32 than a wish for /24.
 */
export function parseCidr(input: string): { ok: true; cidr: Cidr } | { ok: false; reason: CidrError } {
  const [addr = '', prefixText, extra] = input.trim().split('/');
  if (extra !== undefined) return { ok: false, reason: 'format' };
  const ip = toBigInt(addr);
  if (!ip) return { ok: false, reason: 'format' };
  const bits = ip.version === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return { ok: false, reason: 'prefix' };
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (prefix < 0 || prefix > bits) return { ok: false, reason: 'prefix' };
  const hostMask = (1n << BigInt(bits - prefix)) - 1n;
  if ((ip.value & hostMask) !== 0n) return { ok: false, reason: 'host_bits' };
  return { ok: true, cidr: { version: ip.version, network: ip.value, prefix, text: `${format(ip.version, ip.value)}/${prefix}` } };
}

/** Whether the address lies in the range (IPv4-mapped IPv6 addresses count as their IPv4 address). */
export function cidrContains(cidr: Cidr, ip: string): boolean {
  const a = toBigInt(ip);
  if (!a || a.version !== cidr.version) return false;
  const bits = cidr.version === 4 ? 32 : 128;
  return (a.value >> BigInt(bits - cidr.prefix)) === (cidr.network >> BigInt(bits - cidr.prefix));
}

/** How many addresses the range holds, as a power of two (a /24 is 8: 256 addresses). */
export function cidrHostBits(cidr: Cidr): number {
  return (cidr.version === 4 ? 32 : 128) - cidr.prefix;
}
