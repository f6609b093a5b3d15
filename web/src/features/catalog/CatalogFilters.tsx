import { EnvironmentOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Select, Tag, Tooltip } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCategories, useOccupation, useOccupations } from './api';
import { named } from './mode';
import type { CatalogParams } from './params';
import type { Occupation, SkillLevel } from './types';

type Props = {
  current: CatalogParams;
  update: (changes: Partial<CatalogParams>) => void;
  filtered: boolean;
  levels: SkillLevel[] | undefined;
  /** The signed-in user's region; visitors have none. */
  home: { code: string; name: string } | null;
};

function matches(occupation: Occupation, input: string): boolean {
  const needle = input.trim().toLowerCase();
  if (!needle) return true;
  return [occupation.name.zh, occupation.name.en, occupation.code, ...occupation.tags].some((text) =>
    text.toLowerCase().includes(needle),
  );
}

/** Search box, category chips with course counts, occupation and level selects, and the region filter. */
export function CatalogFilters({ current, update, filtered, levels, home }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [text, setText] = useState(current.q ?? '');
  useEffect(() => setText(current.q ?? ''), [current.q]);
  const categories = useCategories();
  // Categories without published courses lead nowhere today: they wait behind "more".
  const [allCategories, setAllCategories] = useState(false);
  const withCourses = (categories.data ?? []).filter((c) => c.courseCount > 0 || c.code === current.category);
  const shownCategories = allCategories ? (categories.data ?? []) : withCourses;
  const hiddenCount = (categories.data?.length ?? 0) - withCourses.length;
  const occupations = useOccupations(current.category);
  // A filter that came from a link may name an occupation outside the loaded list.
  const listed = occupations.data?.some((o) => o.code === current.occupation);
  const selected = useOccupation(current.occupation && occupations.data && !listed ? current.occupation : undefined);

  const occupationOptions = useMemo(() => {
    const list = [...(occupations.data ?? [])];
    if (selected.data && !list.some((o) => o.code === selected.data.code)) list.push(selected.data);
    // Occupations with courses first: those are what a learner can take today.
    list.sort((a, b) => Number(b.courseCount > 0) - Number(a.courseCount > 0) || a.code.localeCompare(b.code));
    return list.map((o) => ({
      value: o.code,
      occupation: o,
      label: (
        <Flex justify="space-between" align="center" gap={8}>
          <span className="yx-ellipsis">{named(o.name, language)}</span>
          <span className="yx-option-note">{t('catalog.occupationCourses', { count: o.courseCount })}</span>
        </Flex>
      ),
      title: named(o.name, language) ?? o.code,
    }));
  }, [occupations.data, selected.data, language, t]);

  return (
    <Flex vertical gap={12} className="yx-catalog-filters">
      <Input.Search
        allowClear
        size="large"
        value={text}
        onChange={(event) => setText(event.target.value)}
        onSearch={(value) => update({ q: value.trim() || undefined })}
        placeholder={t('catalog.searchPlaceholder')}
        enterButton={t('catalog.search')}
        maxLength={60}
        aria-label={t('catalog.search')}
        data-testid="catalog-search"
      />
      <div className="yx-chip-row" role="group" aria-label={t('catalog.category')} data-testid="category-chips">
        <Tag.CheckableTag
          checked={!current.category}
          onChange={() => update({ category: undefined, occupation: undefined })}
        >
          {t('catalog.allCategories')}
        </Tag.CheckableTag>
        {shownCategories.map((category) => (
          <Tag.CheckableTag
            key={category.code}
            checked={current.category === category.code}
            className={category.courseCount === 0 ? 'yx-chip-empty' : undefined}
            data-testid={`category-${category.code}`}
            onChange={(checked) => update({ category: checked ? category.code : undefined, occupation: undefined })}
          >
            {named(category.name, language)}
            <span className="yx-chip-count">{category.courseCount}</span>
          </Tag.CheckableTag>
        ))}
        {(hiddenCount > 0 || allCategories) && (
          <Tag.CheckableTag
            checked={false}
            className="yx-chip-more"
            onChange={() => setAllCategories(!allCategories)}
            data-testid="category-more"
          >
            {allCategories ? t('catalog.fewerCategories') : t('catalog.moreCategories', { count: hiddenCount })}
          </Tag.CheckableTag>
        )}
      </div>
      <Flex gap={12} wrap align="center">
        <Select<string, (typeof occupationOptions)[number]>
          allowClear
          showSearch={{ filterOption: (input, option) => !!option && matches(option.occupation, input) }}
          placeholder={t('catalog.allOccupations')}
          aria-label={t('catalog.occupation')}
          value={current.occupation}
          loading={occupations.isPending}
          options={occupationOptions}
          optionLabelProp="title"
          onChange={(occupation) => update({ occupation })}
          popupMatchSelectWidth={false}
          className="yx-filter-select yx-filter-occupation"
          data-testid="occupation-select"
        />
        <Select<number>
          allowClear
          placeholder={t('catalog.allLevels')}
          aria-label={t('catalog.level')}
          value={current.level}
          options={(levels ?? []).map((l) => ({ value: l.level, label: language === 'en' ? l.name.en : l.label }))}
          onChange={(level) => update({ level })}
          className="yx-filter-select yx-filter-level"
          data-testid="level-select"
        />
        {home &&
          (current.regionCleared ? (
            <Button
              type="link"
              icon={<EnvironmentOutlined />}
              onClick={() => update({ regionCleared: false })}
              data-testid="region-restore"
            >
              {t('catalog.regionMine', { name: home.name })}
            </Button>
          ) : (
            <Tooltip title={t('catalog.regionHint')}>
              <Tag
                closable
                icon={<EnvironmentOutlined />}
                color="blue"
                className="yx-region-tag"
                onClose={(event) => {
                  event.preventDefault();
                  update({ regionCleared: true });
                }}
                data-testid="region-tag"
              >
                {t('catalog.region', { name: home.name })}
              </Tag>
            </Tooltip>
          ))}
        {filtered && (
          <Button
            type="link"
            style={{ paddingInline: 4 }}
            onClick={() => update({ q: undefined, category: undefined, occupation: undefined, level: undefined })}
          >
            {t('catalog.clearFilters')}
          </Button>
        )}
      </Flex>
    </Flex>
  );
}
