import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useLevels } from '../authoring/api';
import { levelLabel } from '../authoring/CourseFields';
import { OccupationSelect } from '../authoring/OccupationSelect';
import { useAddQualification } from './api';
import { CERTIFICATE_KINDS, type CertificateKind, type Teacher } from './types';

type Values = {
  certificateKind: CertificateKind;
  occupationCode?: string | null;
  level?: number | null;
  certificateNo?: string;
  validUntil?: Dayjs | null;
};

/** 登记资格: the certificate a teacher holds, for one occupation and level, with its validity. */
export function AddQualificationDialog({ teacher, onClose }: { teacher: Teacher | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const levels = useLevels();
  const add = useAddQualification();
  const [error, setError] = useState<unknown>(null);

  const onFinish = (values: Values) => {
    if (!teacher) return;
    setError(null);
    add.mutate(
      {
        teacherId: teacher.id,
        input: {
          certificateKind: values.certificateKind,
          occupationCode: values.occupationCode ?? '',
          level: values.level ?? 5,
          certificateNo: (values.certificateNo ?? '').trim(),
          validUntil: values.validUntil ? values.validUntil.format('YYYY-MM-DD') : null,
        },
      },
      {
        onSuccess: () => {
          void message.success(t('teachers.dialog.saved'));
          onClose();
        },
        onError: setError,
      },
    );
  };

  return (
    <Modal
      open={teacher !== null}
      title={teacher ? t('teachers.dialog.title', { name: teacher.name }) : undefined}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('teachers.dialog.save')}
      okButtonProps={{ id: 'qualification-save' }}
      cancelText={t('common.cancel')}
      confirmLoading={add.isPending}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <ErrorAlert error={error} className="yx-form-alert" />
      <Form<Values>
        form={form}
        name="qualification"
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ certificateKind: 'vocational_qualification' }}
      >
        <Form.Item name="certificateKind" label={t('teachers.dialog.kind')}>
          <Select options={CERTIFICATE_KINDS.map((k) => ({ value: k, label: t(`teachers.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item
          name="occupationCode"
          label={t('teachers.dialog.occupation')}
          rules={[{ required: true, message: t('teachers.dialog.occupationRequired') }]}
        >
          <OccupationSelect />
        </Form.Item>
        <Form.Item
          name="level"
          label={t('teachers.dialog.level')}
          rules={[{ required: true, message: t('teachers.dialog.levelRequired') }]}
        >
          <Select
            loading={levels.isFetching}
            placeholder={t('teachers.dialog.levelPlaceholder')}
            options={(levels.data ?? []).map((l) => ({
              value: l.level,
              label: levelLabel(levels.data, l.level, i18n.language),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="certificateNo"
          label={t('teachers.dialog.certificateNo')}
          rules={[
            { required: true, whitespace: true, min: 4, max: 64, message: t('teachers.dialog.certificateNoRequired') },
          ]}
        >
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item
          name="validUntil"
          label={t('teachers.dialog.validUntil')}
          extra={t('teachers.dialog.validUntilHelp')}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
