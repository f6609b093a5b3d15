import { App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useUpdateOccupation } from './api';
import { showPathError } from './form-errors';
import type { OccupationDetail } from './types';

type Values = { nameZh: string; nameEn: string; tags: string[] };

/** Names in both languages and search tags of an occupation (audited on the server). */
export function OccupationEditDialog({ occupation, onClose }: { occupation: OccupationDetail; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<unknown>(null);
  const update = useUpdateOccupation(occupation.code);

  const onFinish = (values: Values) => {
    setFormError(null);
    update.mutate(
      {
        nameZh: values.nameZh.trim(),
        nameEn: values.nameEn.trim(),
        tags: values.tags.map((tag) => tag.trim()).filter(Boolean),
      },
      {
        onSuccess: () => {
          void message.success(t('manage.saved'));
          onClose();
        },
        onError: (error) => {
          if (!showPathError(form, error, i18n.language, { fields: ['nameZh', 'nameEn', 'tags'] })) setFormError(error);
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('manage.occupations.editTitle', { code: occupation.code })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('manage.save')}
      confirmLoading={update.isPending}
      destroyOnHidden
    >
      <ErrorAlert error={formError} className="yx-form-alert" />
      <Form<Values>
        form={form}
        name="occupation"
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ nameZh: occupation.name.zh, nameEn: occupation.name.en, tags: occupation.tags }}
      >
        <Form.Item
          name="nameZh"
          label={t('manage.occupations.nameZh')}
          rules={[{ required: true, whitespace: true, min: 2, max: 60, message: t('manage.occupations.nameZhRule') }]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item
          name="nameEn"
          label={t('manage.occupations.nameEn')}
          rules={[{ required: true, whitespace: true, min: 2, max: 120, message: t('manage.occupations.nameEnRule') }]}
        >
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item
          name="tags"
          label={t('manage.occupations.tags')}
          extra={t('manage.occupations.tagsHelp')}
          rules={[{ type: 'array', max: 20, message: t('manage.occupations.tagsRule') }]}
        >
          <Select
            mode="tags"
            tokenSeparators={[',', '，', ' ']}
            open={false}
            suffixIcon={null}
            placeholder={t('manage.occupations.tagsPlaceholder')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
