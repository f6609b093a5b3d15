import { Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCourseSearch, useCourseTitles } from './api';

/** The search text, settled for 300 ms. */
function useDebounced(value: string, ms = 300): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

function useCourseOptions(selected: string[]) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const found = useCourseSearch(q);
  const known = new Map((found.data ?? []).map((c) => [c.id, c.title]));
  const missing = selected.filter((id) => !known.has(id));
  const titles = useCourseTitles(missing);
  const options = useMemo(() => {
    const list = (found.data ?? []).map((c) => ({
      value: c.id,
      label: c.institutionName ? `${c.title}（${c.institutionName}）` : c.title,
    }));
    for (const id of missing) list.push({ value: id, label: titles.get(id) ?? id });
    return list;
  }, [found.data, missing, titles]);
  return { options, setSearch, loading: found.isFetching };
}

type MultiProps = { id?: string; value?: string[]; onChange?: (ids: string[]) => void; placeholder?: string };

/** Several published courses, found by Chinese full-text search. */
export function CourseMultiSelect({ id, value = [], onChange, placeholder }: MultiProps) {
  const { t } = useTranslation();
  const { options, setSearch, loading } = useCourseOptions(value);
  return (
    <Select
      id={id}
      mode="multiple"
      value={value}
      onChange={(ids: string[]) => {
        setSearch('');
        onChange?.(ids);
      }}
      options={options}
      loading={loading}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      placeholder={placeholder ?? t('manage.courses.searchPlaceholder')}
      notFoundContent={loading ? t('common.loading') : t('manage.courses.noneFound')}
    />
  );
}

/** One published course to add to a list; clears itself after each choice. */
export function CoursePicker({ exclude, onPick }: { exclude: string[]; onPick: (id: string, title: string) => void }) {
  const { t } = useTranslation();
  const { options, setSearch, loading } = useCourseOptions([]);
  return (
    <Select
      value={null}
      onChange={(id: string) => {
        setSearch('');
        onPick(id, String(options.find((o) => o.value === id)?.label ?? id));
      }}
      options={options.filter((o) => !exclude.includes(o.value))}
      loading={loading}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      placeholder={t('manage.courses.addPlaceholder')}
      notFoundContent={loading ? t('common.loading') : t('manage.courses.noneFound')}
      style={{ width: '100%' }}
      data-testid="course-picker"
    />
  );
}

/** A course title for an id (published courses; others show the id). */
export function useTitles(ids: string[]) {
  return useCourseTitles(ids);
}
