// The catalogue's filters live in the address, so a course page can link to "more courses of this occupation" and a
// filtered list can be shared or reloaded.
import { useSearchParams } from 'react-router-dom';
import type { CourseFilters } from './types';

export const PAGE_SIZE = 12;
/** `region=all`: the user cleared the default region filter. */
const NO_REGION = 'all';

export type CatalogParams = Omit<CourseFilters, 'region' | 'pageSize'> & { regionCleared: boolean };

export function useCatalogParams() {
  const [params, setParams] = useSearchParams();
  const level = Number(params.get('level'));
  const page = Number(params.get('page'));
  const current: CatalogParams = {
    q: params.get('q')?.trim() || undefined,
    category: params.get('category') || undefined,
    occupation: params.get('occupation') || undefined,
    level: Number.isInteger(level) && level >= 1 && level <= 5 ? level : undefined,
    page: Number.isInteger(page) && page > 1 ? page : 1,
    regionCleared: params.get('region') === NO_REGION,
  };

  /** Changes some filters; any change other than the page starts again at page 1. */
  const update = (changes: Partial<CatalogParams>) => {
    const next = { ...current, page: 1, ...changes };
    const out = new URLSearchParams();
    if (next.q) out.set('q', next.q);
    if (next.category) out.set('category', next.category);
    if (next.occupation) out.set('occupation', next.occupation);
    if (next.level) out.set('level', String(next.level));
    if (next.regionCleared) out.set('region', NO_REGION);
    if (next.page > 1) out.set('page', String(next.page));
    setParams(out);
  };

  const filtered = !!(current.q || current.category || current.occupation || current.level);
  return { current, update, filtered };
}
