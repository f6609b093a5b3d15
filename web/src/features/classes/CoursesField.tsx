import { CheckCircleFilled, PlusOutlined } from '@ant-design/icons';
import { App, Alert, Button, Flex, Form, Select, Tag, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { named } from '../authoring/types';
import { usePublishedOwnCourses, useRegionGeneralModules } from './api';
import type { ClassFormValues } from './class-form';
import type { ClassDetail } from './types';

type Props = {
  form: FormInstance<ClassFormValues>;
  regionCode: string | null | undefined;
  /** Courses already in the class, so they keep their titles even when no longer offered. */
  known: ClassDetail['courses'];
};

/**
 * Online courses: the institution's published courses and the platform's general-module courses, with the modules
 * the region requires shown as covered or not, and one click to add a course for each one missing.
 */
export function CoursesField({ form, regionCode, known }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const own = usePublishedOwnCourses(true);
  const modules = useRegionGeneralModules(regionCode);
  const selected = Form.useWatch<string[] | undefined>('courseIds', form) ?? [];
  const required = (modules.data ?? []).filter((m) => m.required);

  const options = useMemo(() => {
    const hours = (value: number) => t('classes.form.courseHours', { count: value });
    const ownOptions = (own.data ?? []).map((c) => ({ value: c.id, label: `${c.title} · ${hours(c.classHours)}` }));
    const platform = (modules.data ?? []).flatMap((m) =>
      m.courses.map((c) => ({
        value: c.id,
        label: `${c.title}（${named(m.name, i18n.language)}${m.required ? ` · ${t('classes.form.moduleRequired')}` : ''}）`,
      })),
    );
    const offered = new Set([...ownOptions, ...platform].map((o) => o.value));
    const extra = known
      .filter((c) => !offered.has(c.id))
      .map((c) => ({ value: c.id, label: `${c.title} · ${hours(c.classHours)}` }));
    return [
      { label: t('classes.form.ownCourses'), options: [...ownOptions, ...extra] },
      { label: t('classes.form.platformCourses'), options: platform },
    ].filter((group) => group.options.length > 0);
  }, [own.data, modules.data, known, t, i18n.language]);

  const covered = (moduleCourses: { id: string }[]) => moduleCourses.some((c) => selected.includes(c.id));
  const missingWithCourse = required.filter((m) => !covered(m.courses) && m.courses.length > 0);
  const withoutCourse = required.filter((m) => m.courses.length === 0);

  const addRequired = () => {
    const ids = missingWithCourse.map((m) => m.courses[0].id);
    if (ids.length === 0) {
      void message.info(t('classes.form.requiredAllIn'));
      return;
    }
    form.setFieldValue('courseIds', [...selected, ...ids]);
    void message.success(t('classes.form.addedRequired', { count: ids.length }));
  };

  return (
    <>
      <Form.Item name="courseIds" extra={t('classes.form.coursesHelp')}>
        <Select
          mode="multiple"
          aria-label={t('classes.form.courses')}
          options={options}
          loading={own.isFetching || modules.isFetching}
          placeholder={t('classes.form.coursesPlaceholder')}
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="class-courses"
        />
      </Form.Item>
      <Flex gap={8} wrap align="center" className="yx-cl-modules">
        {required.length === 0 ? (
          <Typography.Text type="secondary">{t('classes.form.requiredNone')}</Typography.Text>
        ) : (
          <>
            <Typography.Text type="secondary">{t('classes.form.requiredModules')}</Typography.Text>
            {required.map((m) => (
              <Tag
                key={m.code}
                color={covered(m.courses) ? 'success' : 'default'}
                icon={covered(m.courses) ? <CheckCircleFilled /> : undefined}
                data-testid="required-module"
                data-covered={String(covered(m.courses))}
              >
                {named(m.name, i18n.language)}
              </Tag>
            ))}
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={addRequired}
              disabled={missingWithCourse.length === 0}
              data-testid="add-required-courses"
            >
              {t('classes.form.addRequired')}
            </Button>
          </>
        )}
      </Flex>
      {withoutCourse.length > 0 && (
        <Alert
          type="warning"
          showIcon
          className="yx-cl-modules-alert"
          title={t('classes.form.noPlatformCourse', {
            modules: withoutCourse.map((m) => named(m.name, i18n.language)).join(t('classes.listSeparator')),
          })}
        />
      )}
    </>
  );
}
