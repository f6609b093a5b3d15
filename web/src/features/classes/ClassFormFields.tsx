import { Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import type { FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useLevels } from '../authoring/api';
import { levelLabel } from '../authoring/CourseFields';
import { OccupationSelect } from '../authoring/OccupationSelect';
import { useTeachers } from './api';
import type { ClassFormValues } from './class-form';
import { CoursesField } from './CoursesField';
import { SessionsField } from './SessionsField';
import type { ClassDetail } from './types';

type Props = {
  form: FormInstance<ClassFormValues>;
  /** The institution's region: which general modules are required there. */
  regionCode: string | null | undefined;
  detail?: ClassDetail;
};

/** Every field of a class application, in cards: basics, online courses, teachers, offline sessions. */
export function ClassFormFields({ form, regionCode, detail }: Props) {
  const { t, i18n } = useTranslation();
  const levels = useLevels();
  const teachers = useTeachers(true);
  const startDate = Form.useWatch<Dayjs | null | undefined>('startDate', form);
  const teacherOptions = (teachers.data ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.phoneMasked}）` }));
  for (const known of detail?.teachers ?? []) {
    if (!teacherOptions.some((o) => o.value === known.id)) teacherOptions.push({ value: known.id, label: known.name });
  }

  return (
    <div className="yx-cl-form-cards">
      <Card title={t('classes.form.basics')} size="small">
        <Row gutter={16}>
          <Col xs={24}>
            <Form.Item
              name="name"
              label={t('classes.form.name')}
              rules={[
                { required: true, whitespace: true, message: t('classes.form.nameRequired') },
                { min: 2, max: 100, message: t('classes.form.nameLength') },
              ]}
            >
              <Input maxLength={100} placeholder={t('classes.form.namePlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item
              name="occupationCode"
              label={t('classes.form.occupation')}
              rules={[{ required: true, message: t('classes.form.occupationRequired') }]}
            >
              <OccupationSelect
                current={
                  detail
                    ? { code: detail.occupationCode, name: { zh: detail.occupationName, en: detail.occupationName } }
                    : null
                }
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item
              name="level"
              label={t('classes.form.level')}
              rules={[{ required: true, message: t('classes.form.levelRequired') }]}
            >
              <Select
                loading={levels.isFetching}
                placeholder={t('classes.form.levelPlaceholder')}
                options={(levels.data ?? []).map((l) => ({
                  value: l.level,
                  label: levelLabel(levels.data, l.level, i18n.language),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="startDate"
              label={t('classes.form.startDate')}
              rules={[{ required: true, message: t('classes.form.startRequired') }]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="endDate"
              label={t('classes.form.endDate')}
              dependencies={['startDate']}
              rules={[
                { required: true, message: t('classes.form.endRequired') },
                ({ getFieldValue }) => ({
                  validator: async (_, value: Dayjs | null | undefined) => {
                    const start = getFieldValue('startDate') as Dayjs | null | undefined;
                    if (value && start && value.isBefore(start, 'day'))
                      throw new Error(t('classes.form.endBeforeStart'));
                  },
                }),
              ]}
            >
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => !!startDate && d.isBefore(startDate, 'day')} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="offlineHours"
              label={t('classes.form.offlineHours')}
              tooltip={t('classes.form.offlineHoursHelp')}
              rules={[{ required: true, message: t('classes.invalid.offlineHours') }]}
            >
              <InputNumber
                min={0}
                max={2000}
                precision={0}
                style={{ width: '100%' }}
                suffix={t('classes.form.hoursUnit')}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="capacity"
              label={t('classes.form.capacity')}
              rules={[{ required: true, message: t('classes.invalid.capacity') }]}
            >
              <InputNumber
                min={1}
                max={5000}
                precision={0}
                style={{ width: '100%' }}
                suffix={t('classes.form.capacityUnit')}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="assessmentPlan" label={t('classes.form.assessmentPlan')}>
              <Input.TextArea rows={2} maxLength={2000} placeholder={t('classes.form.assessmentPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="selfEnrol"
              label={t('classes.form.selfEnrol')}
              valuePropName="checked"
              extra={t('classes.form.selfEnrolHelp')}
            >
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title={t('classes.form.courses')} size="small">
        <CoursesField form={form} regionCode={regionCode} known={detail?.courses ?? []} />
      </Card>

      <Card title={t('classes.form.teachers')} size="small">
        <Form.Item name="teacherIds" extra={t('classes.form.teachersHelp')} className="yx-cl-last-item">
          <Select
            mode="multiple"
            aria-label={t('classes.form.teachers')}
            loading={teachers.isFetching}
            options={teacherOptions}
            placeholder={t('classes.form.teachersPlaceholder')}
            showSearch={{ optionFilterProp: 'label' }}
            notFoundContent={teachers.isFetching ? t('common.loading') : t('classes.form.noTeachers')}
          />
        </Form.Item>
      </Card>

      <Card
        title={t('classes.form.sessions')}
        size="small"
        extra={<span className="yx-cl-card-note">{t('classes.form.sessionsHelp')}</span>}
      >
        <SessionsField />
      </Card>
    </div>
  );
}
