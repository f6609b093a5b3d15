// Chinese administrative division codes are hierarchical: 33 = Zhejiang, 3301 = Hangzhou, 330106 = Xihu district.
// A region's subtree is therefore every code that starts with its significant prefix, which lets scoping run
// as an indexed `LIKE 'prefix%'` query instead of a recursive walk.

export function regionPrefix(code: string): string {
  if (!/^\d{6}$/.test(code)) throw new Error(`Not a 6-digit region code: ${code}`);
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/**
 * The SQL `LIKE` pattern of a region's subtree (`'3301%'` for Hangzhou): `where(column, 'like', regionLike(code))` is
 * the one way a query keeps to a region and everything below it.
 */
export function regionLike(code: string): string {
  return `${regionPrefix(code)}%`;
}

/** True when `code` is `ancestor` itself or lies below it. */
export function isWithinRegion(code: string | null | undefined, ancestor: string): boolean {
  return !!code && code.startsWith(regionPrefix(ancestor));
}

export function regionLevelOf(code: string): 'province' | 'city' | 'county' {
  const prefix = regionPrefix(code);
  return prefix.length === 2 ? 'province' : prefix.length === 4 ? 'city' : 'county';
}

/** The division-code prefix of an actor's region subtree (regulators), or null when it has none: matches nothing. */
export function regionPrefixOf(actor: { regionCode: string | null }): string | null {
  return actor.regionCode ? regionPrefix(actor.regionCode) : null;
}
