import { Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOccupations } from './api';
import { type Named, type OccupationSummary } from './types';

/** 电工（6-31-01-03） / Electrician (6-31-01-03). */
export function occupationLabel(name: Named, code: string, language: string): string {
  return language === 'en' ? `${name.en} (${code})` : `${name.zh}（${code}）`;
}

type Props = {
  id?: string;
  value?: string | null;
  onChange?: (code: string | null, occupation: OccupationSummary | undefined) => void;
  /** The occupation already chosen, so its name shows before any search. */
  current?: { code: string; name: Named } | null;
  placeholder?: string;
};

/** Searches the national occupation classification by name, tag or code (the server filters). */
export function OccupationSelect({ id, value, onChange, current, placeholder }: Props) {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim()), 300);
    return () => clearTimeout(timer);
  }, [search]);
  const occupations = useOccupations({ q: q || undefined });
  const items = useMemo(() => occupations.data ?? [], [occupations.data]);

  const options = useMemo(() => {
    const list = items.map((o) => ({ value: o.code, label: occupationLabel(o.name, o.code, i18n.language) }));
    if (current && value === current.code && !list.some((o) => o.value === current.code)) {
      list.unshift({ value: current.code, label: occupationLabel(current.name, current.code, i18n.language) });
    }
    return list;
  }, [items, current, value, i18n.language]);

  return (
    <Select
      id={id}
      value={value ?? undefined}
      allowClear
      placeholder={placeholder ?? t('authoring.form.occupationPlaceholder')}
      loading={occupations.isFetching}
      options={options}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      notFoundContent={occupations.isFetching ? t('common.loading') : t('common.noData')}
      onChange={(code: string | undefined) => {
        setSearch('');
        onChange?.(
          code ?? null,
          items.find((o) => o.code === code),
        );
      }}
    />
  );
}
