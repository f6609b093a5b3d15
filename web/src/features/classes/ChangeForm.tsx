import { Alert, App, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useEnrolledLearners, useInstitutionLearners, useProposeChange, useTeachers } from './api';
import { initialValues, toInput, type SessionValues } from './class-form';
import { SessionsField } from './SessionsField';
import { CHANGE_KINDS, type ChangeKind, type ClassChangeInput, type ClassDetail } from './types';

type Values = {
  kind: ChangeKind;
  teacherIds?: string[];
  sessions?: SessionValues[];
  startDate?: Dayjs | null;
  endDate?: Dayjs | null;
  add?: string[];
  remove?: string[];
  reason?: string;
};

/** The form's values as the change the API takes; only the chosen kind's fields count. */
function toChange(values: Values, detail: ClassDetail): ClassChangeInput {
  switch (values.kind) {
    case 'teachers':
      return { kind: 'teachers', teacherIds: values.teacherIds ?? [] };
    case 'sessions':
      return {
        kind: 'sessions',
        sessions: toInput({ ...initialValues(detail), sessions: values.sessions ?? [] }).sessions,
      };
    case 'dates':
      return {
        kind: 'dates',
        startDate: values.startDate?.format('YYYY-MM-DD') ?? '',
        endDate: values.endDate?.format('YYYY-MM-DD') ?? '',
      };
    default:
      return { kind: 'roster', add: values.add ?? [], remove: values.remove ?? [] };
  }
}

/** Learners of the institution to add, searched on the server; those already enrolled are left out. */
function AddLearnersField({
  id,
  classId,
  value,
  onChange,
}: {
  id?: string;
  classId: string;
  value?: string[];
  onChange?: (ids: string[]) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim()), 300);
    return () => clearTimeout(timer);
  }, [search]);
  const learners = useInstitutionLearners(q, true);
  const enrolled = useEnrolledLearners(classId, true);
  const taken = new Set((enrolled.data ?? []).map((e) => e.userId));
  const [known, setKnown] = useState<Record<string, string>>({});
  const options = (learners.data ?? [])
    .filter((u) => !taken.has(u.id))
    .map((u) => ({ value: u.id, label: `${u.name}（${u.idNumberMasked}）` }));
  for (const id of value ?? [])
    if (!options.some((o) => o.value === id)) options.push({ value: id, label: known[id] ?? id });
  return (
    <Select
      id={id}
      mode="multiple"
      value={value}
      onChange={(ids: string[], picked) => {
        const labels = { ...known };
        for (const option of ([] as { value: string; label: string }[]).concat(picked as never))
          labels[option.value] = option.label;
        setKnown(labels);
        onChange?.(ids);
      }}
      options={options}
      filterOption={false}
      showSearch={{ onSearch: setSearch, filterOption: false }}
      loading={learners.isFetching}
      placeholder={t('classes.changes.addPlaceholder')}
      notFoundContent={learners.isFetching ? t('common.loading') : t('classes.changes.noLearners')}
    />
  );
}

type Props = { detail: ClassDetail; open: boolean; onClose: () => void };

/** 申请变更: one of the four kinds, prefilled with what the class has now, and a reason the regulator reads. */
export function ChangeForm({ detail, open, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const propose = useProposeChange(detail.id);
  const [error, setError] = useState<unknown>(null);
  const [noSessions, setNoSessions] = useState(false);
  const kind = Form.useWatch('kind', form) ?? 'teachers';
  const teachers = useTeachers(open);
  const enrolled = useEnrolledLearners(detail.id, open && kind === 'roster');
  const start = initialValues(detail);
  const teacherOptions = (teachers.data ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.phoneMasked}）` }));
  for (const known of detail.teachers)
    if (!teacherOptions.some((o) => o.value === known.id)) teacherOptions.push({ value: known.id, label: known.name });

  const onFinish = (values: Values) => {
    setError(null);
    // The session rows validate themselves; an empty plan is the one thing they cannot say.
    setNoSessions(values.kind === 'sessions' && !values.sessions?.length);
    if (values.kind === 'sessions' && !values.sessions?.length) return;
    propose.mutate(
      { change: toChange(values, detail), reason: (values.reason ?? '').trim() },
      {
        onSuccess: () => {
          void message.success(t('classes.changes.submitted'));
          onClose();
        },
        onError: setError,
      },
    );
  };

  const required = (text: string) => [{ required: true, message: text }];
  return (
    <Modal
      open={open}
      title={t('classes.changes.formTitle', { name: detail.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('classes.changes.submit')}
      okButtonProps={{ id: 'change-submit' }}
      cancelText={t('common.cancel')}
      confirmLoading={propose.isPending}
      width={760}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <ErrorAlert error={error} className="yx-form-alert" />
      <Form<Values>
        form={form}
        name="change"
        layout="vertical"
        onFinish={onFinish}
        preserve={false}
        initialValues={{
          kind: 'teachers',
          teacherIds: start.teacherIds,
          sessions: start.sessions,
          startDate: dayjs(detail.startDate),
          endDate: dayjs(detail.endDate),
          add: [],
          remove: [],
        }}
      >
        <Form.Item name="kind" label={t('classes.changes.kind')}>
          <Radio.Group
            optionType="button"
            options={CHANGE_KINDS.map((k) => ({ value: k, label: t(`classes.changes.kinds.${k}`) }))}
          />
        </Form.Item>
        {kind === 'teachers' && (
          <Form.Item
            name="teacherIds"
            label={t('classes.form.teachers')}
            extra={t('classes.form.teachersHelp')}
            rules={[{ required: true, type: 'array', min: 1, message: t('classes.changes.teachersRequired') }]}
          >
            <Select
              mode="multiple"
              options={teacherOptions}
              loading={teachers.isFetching}
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('classes.form.teachersPlaceholder')}
            />
          </Form.Item>
        )}
        {kind === 'dates' && (
          <Form.Item label={t('classes.view.period')} required style={{ marginBottom: 0 }}>
            <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
              <Form.Item
                name="startDate"
                rules={required(t('classes.form.startRequired'))}
                style={{ flex: '1 1 160px' }}
              >
                <DatePicker style={{ width: '100%' }} placeholder={t('classes.form.startDate')} />
              </Form.Item>
              <Form.Item
                name="endDate"
                dependencies={['startDate']}
                style={{ flex: '1 1 160px' }}
                rules={[
                  ...required(t('classes.form.endRequired')),
                  ({ getFieldValue }) => ({
                    validator: async (_, value: Dayjs | null | undefined) => {
                      const from = getFieldValue('startDate') as Dayjs | null | undefined;
                      if (value && from && value.isBefore(from, 'day'))
                        throw new Error(t('classes.form.endBeforeStart'));
                    },
                  }),
                ]}
              >
                <DatePicker style={{ width: '100%' }} placeholder={t('classes.form.endDate')} />
              </Form.Item>
            </div>
          </Form.Item>
        )}
        {kind === 'sessions' && (
          <>
            <Alert type="info" showIcon className="yx-form-alert" title={t('classes.changes.sessionsHint')} />
            {noSessions && (
              <Alert type="error" showIcon className="yx-form-alert" title={t('classes.changes.sessionsRequired')} />
            )}
            <div style={{ marginBottom: 16 }}>
              <SessionsField />
            </div>
          </>
        )}
        {kind === 'roster' && (
          <>
            <Form.Item
              name="add"
              label={t('classes.changes.add')}
              dependencies={['remove']}
              rules={[
                {
                  validator: async (_, add: string[] | undefined) => {
                    if (!add?.length && !(form.getFieldValue('remove') as unknown[] | undefined)?.length)
                      throw new Error(t('classes.changes.rosterRequired'));
                  },
                },
              ]}
            >
              <AddLearnersField classId={detail.id} />
            </Form.Item>
            <Form.Item name="remove" label={t('classes.changes.remove')}>
              <Select
                mode="multiple"
                loading={enrolled.isFetching}
                options={(enrolled.data ?? []).map((e) => ({
                  value: e.userId,
                  label: `${e.name}（${e.idNumberMasked}）`,
                }))}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('classes.changes.removePlaceholder')}
              />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="reason"
          label={t('classes.changes.reason')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('classes.changes.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('classes.changes.reasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
