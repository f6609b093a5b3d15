import { Col, Form, Input, Row, Select } from 'antd';
import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { showFieldError } from '../../ui/form-errors';
import { useCategories, useGeneralModules, useLevels, useOccupations } from './api';
import { OccupationSelect } from './OccupationSelect';
import { named, type CourseDetail, type CourseInput, type Named, type SkillLevel } from './types';

export type CourseFormValues = {
  title: string;
  summary?: string;
  categoryCode?: string | null;
  occupationCode?: string | null;
  level?: number | null;
  generalModuleCode?: string | null;
};

export const COURSE_FIELDS = ['title', 'summary', 'categoryCode', 'occupationCode', 'level', 'generalModuleCode'];

/**
 * The request body for the values of the form: for a new course the fields that are set, for an existing one the
 * fields that changed. (Empty choices are left out rather than sent as null: the server's schema coercion turns a null
 * category into an empty string, which it then refuses as an unknown category.)
 */
export function courseInput(values: CourseFormValues, operator: boolean, before?: CourseDetail): CourseInput {
  const all: CourseInput = {
    title: values.title.trim(),
    summary: (values.summary ?? '').trim(),
    categoryCode: values.categoryCode ?? null,
    occupationCode: values.occupationCode ?? null,
    level: values.occupationCode ? (values.level ?? null) : null,
    ...(operator ? { generalModuleCode: values.generalModuleCode ?? null } : {}),
  };
  const input: CourseInput = { title: all.title, summary: all.summary };
  for (const key of ['categoryCode', 'occupationCode', 'level', 'generalModuleCode'] as const) {
    if (!(key in all)) continue;
    const value = all[key];
    if (before ? value !== (before[key] ?? null) && !(key === 'categoryCode' && value === null) : value !== null) {
      Object.assign(input, { [key]: value });
    }
  }
  return input;
}

/** A server error on one of the fields goes under that field, with our own wording where the server's is generic. */
export function showCourseFieldError(form: FormInstance, error: unknown, t: TFunction, language: string): boolean {
  if (!showFieldError(form, error, language, COURSE_FIELDS)) return false;
  if (isApiError(error, 'VALIDATION_FAILED') && error.field && COURSE_FIELDS.includes(error.field)) {
    form.setFields([{ name: error.field, errors: [t(`authoring.invalid.${error.field}`)] }]);
  }
  return true;
}

export function levelLabel(
  levels: SkillLevel[] | undefined,
  level: number | null | undefined,
  language: string,
): string {
  if (level === null || level === undefined) return '';
  const found = levels?.find((l) => l.level === level);
  if (!found) return String(level);
  return language === 'en' ? found.name.en : found.label;
}

type Props = {
  form: FormInstance<CourseFormValues>;
  operator: boolean;
  occupation?: { code: string; name: Named } | null;
  /** One field a row (a narrow side column). */
  narrow?: boolean;
  /** Editing a saved course (its category can be changed, not removed). */
  existing?: boolean;
};

export function CourseFields({ form, operator, occupation, narrow, existing }: Props) {
  const { t, i18n } = useTranslation();
  const categories = useCategories();
  const levels = useLevels();
  const generalModules = useGeneralModules(operator);
  const occupationCode = Form.useWatch<string | null | undefined>('occupationCode', form);
  // Which levels of the chosen occupation have a training standard to check the hours against.
  const chosen = useOccupations({ q: occupationCode ?? undefined }, !!occupationCode);
  const standardLevels = chosen.data?.find((o) => o.code === occupationCode)?.levels ?? [];
  useEffect(() => {
    // A level belongs to an occupation: without one, the level goes too.
    // (Read from the form, not the watched value, which is undefined on the first render.)
    if (!form.getFieldValue('occupationCode') && form.getFieldValue('level') != null) form.setFieldValue('level', null);
  }, [occupationCode, form]);

  return (
    <Row gutter={16}>
      <Col xs={24}>
        <Form.Item
          name="title"
          label={t('authoring.form.title')}
          rules={[
            { required: true, whitespace: true, message: t('authoring.form.titleRequired') },
            { min: 2, max: 100, message: t('authoring.form.titleLength') },
          ]}
        >
          <Input maxLength={100} placeholder={t('authoring.form.titlePlaceholder')} />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item name="summary" label={t('authoring.form.summary')}>
          <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t('authoring.form.summaryPlaceholder')} />
        </Form.Item>
      </Col>
      <Col xs={24} md={narrow ? 24 : 14}>
        <Form.Item
          name="occupationCode"
          label={t('authoring.form.occupation')}
          tooltip={t('authoring.form.occupationHelp')}
        >
          <OccupationSelect current={occupation} />
        </Form.Item>
      </Col>
      <Col xs={24} md={narrow ? 24 : 10}>
        <Form.Item name="level" label={t('authoring.form.level')}>
          <Select
            allowClear
            disabled={!occupationCode}
            loading={levels.isFetching}
            placeholder={
              occupationCode ? t('authoring.form.levelPlaceholder') : t('authoring.form.levelNeedsOccupation')
            }
            options={(levels.data ?? []).map((l) => ({
              value: l.level,
              label: standardLevels.includes(l.level)
                ? `${levelLabel(levels.data, l.level, i18n.language)} · ${t('authoring.form.levelHasStandard')}`
                : levelLabel(levels.data, l.level, i18n.language),
            }))}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={narrow ? 24 : 12}>
        <Form.Item name="categoryCode" label={t('authoring.form.category')}>
          <Select
            allowClear={!existing}
            loading={categories.isFetching}
            placeholder={t('authoring.form.categoryPlaceholder')}
            showSearch={{ optionFilterProp: 'label' }}
            options={(categories.data ?? []).map((c) => ({ value: c.code, label: named(c.name, i18n.language) }))}
          />
        </Form.Item>
      </Col>
      {operator && (
        <Col xs={24} md={narrow ? 24 : 12}>
          <Form.Item
            name="generalModuleCode"
            label={t('authoring.form.generalModule')}
            tooltip={t('authoring.form.generalModuleHelp')}
          >
            <Select
              allowClear
              loading={generalModules.isFetching}
              placeholder={t('authoring.form.generalModulePlaceholder')}
              options={(generalModules.data ?? []).map((g) => ({ value: g.code, label: named(g.name, i18n.language) }))}
            />
          </Form.Item>
        </Col>
      )}
    </Row>
  );
}
