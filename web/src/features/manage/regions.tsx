// Region choice and display for the management pages, from GET /api/regions (provinces, or the children of one).
import { useQueries, useQuery } from '@tanstack/react-query';
import { Cascader } from 'antd';
import type { CascaderProps } from 'antd';
import { useMemo, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Region } from '../../api/types';

const regionsQuery = (parent: string | null) => ({
  queryKey: ['regions', parent ?? ''],
  queryFn: ({ signal }: { signal: AbortSignal }) => api.get<{ items: Region[] }>('/api/regions', { parent }, signal),
  staleTime: 3600_000,
});

/** The codes from the province down to the region itself: 330203 → 330000, 330200, 330203. */
export function regionPath(code: string): string[] {
  const path = [`${code.slice(0, 2)}0000`];
  if (code.slice(2, 4) !== '00') path.push(`${code.slice(0, 4)}00`);
  if (code.slice(4) !== '00') path.push(code);
  return path;
}

function parentOf(code: string): string | null {
  const path = regionPath(code);
  return path.length > 1 ? path[path.length - 2] : null;
}

/** A region's name (found among its parent's children), with its ancestors when `full`: 浙江省 / 宁波市. */
export function useRegionName(code: string | null | undefined, full = false): string | undefined {
  const codes = code ? (full ? regionPath(code) : [code]) : [];
  const lists = useQueries({ queries: codes.map((c) => regionsQuery(parentOf(c))) });
  if (!code) return undefined;
  const names = codes.map((c, i) => lists[i]?.data?.items.find((r) => r.code === c)?.name);
  if (names.some((n) => !n)) return undefined;
  return names.join(' / ');
}

export function RegionName({ code, full }: { code: string; full?: boolean }) {
  return <>{useRegionName(code, full) ?? code}</>;
}

type Option = { value: string; label: string; isLeaf: boolean; children?: Option[] };

type Props = {
  id?: string;
  value?: string | null;
  onChange?: (code: string | null) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
};

/** Province → city → county, loaded level by level; any level may be chosen. */
export function RegionCascader({ id, value, onChange, placeholder, allowClear = true, style }: Props) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState<string[]>([]);
  const parents = useMemo(
    () => [null, ...new Set([...(value ? regionPath(value).slice(0, -1) : []), ...opened])],
    [value, opened],
  );
  const lists = useQueries({ queries: parents.map((p) => regionsQuery(p)) });
  const provinces = useQuery(regionsQuery(null));

  const children = new Map<string | null, Region[]>();
  parents.forEach((p, i) => {
    const items = lists[i]?.data?.items;
    if (items) children.set(p, items);
  });
  const build = (regions: Region[]): Option[] =>
    regions.map((r) => {
      const loaded = children.get(r.code);
      return {
        value: r.code,
        label: r.name,
        isLeaf: r.level === 'county' || (loaded !== undefined && loaded.length === 0),
        children: loaded && loaded.length > 0 ? build(loaded) : undefined,
      };
    });
  const options = build(children.get(null) ?? []);

  const loadData: CascaderProps<Option>['loadData'] = (selected) => {
    const last = selected[selected.length - 1];
    if (last && !opened.includes(last.value)) setOpened((list) => [...list, last.value]);
  };

  return (
    <Cascader<Option>
      id={id}
      style={style}
      options={options}
      loading={provinces.isFetching}
      value={value ? regionPath(value) : undefined}
      loadData={loadData}
      changeOnSelect
      allowClear={allowClear}
      showSearch={false}
      placeholder={placeholder ?? t('manage.region.placeholder')}
      onChange={(path) => onChange?.(path && path.length > 0 ? String(path[path.length - 1]) : null)}
    />
  );
}
