// The catalogue runs in two places: inside the signed-in shell (/catalog) and for visitors (/explore).
import { useLocation } from 'react-router-dom';
import type { Named, SkillLevel } from './types';

export const EXPLORE_BASE = '/explore';
export const CATALOG_BASE = '/catalog';

export type CatalogMode = { visitor: boolean; base: string };

export function useCatalogMode(): CatalogMode {
  const { pathname } = useLocation();
  const visitor = pathname === EXPLORE_BASE || pathname.startsWith(`${EXPLORE_BASE}/`);
  return { visitor, base: visitor ? EXPLORE_BASE : CATALOG_BASE };
}

export function coursePath(base: string, id: string): string {
  return `${base}/courses/${encodeURIComponent(id)}`;
}

/** Where a visitor goes to sign in, coming back to the same page inside the shell. */
export function signInPath(pathname: string, search = ''): string {
  const inside = pathname.startsWith(EXPLORE_BASE) ? CATALOG_BASE + pathname.slice(EXPLORE_BASE.length) : pathname;
  return `/login?next=${encodeURIComponent(inside + search)}`;
}

export function named(value: Named | null | undefined, language: string): string | null {
  if (!value) return null;
  return language === 'en' ? value.en : value.zh;
}

/** "五级/初级工" in Chinese (as printed in national standards), "Level 5 / Junior Worker" in English. */
export function levelLabel(levels: SkillLevel[] | undefined, level: number | null, language: string): string | null {
  if (level === null) return null;
  const found = levels?.find((l) => l.level === level);
  if (!found) return String(level);
  return language === 'en' ? found.name.en : found.label;
}

/** mm:ss, or h:mm:ss from an hour on. */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}
