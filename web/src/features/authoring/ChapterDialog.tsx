import { Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { showFieldError } from '../../ui/form-errors';
import { useAddChapter, useRenameChapter } from './api';
import type { Chapter } from './types';

type Values = { title: string };

/** Adds a chapter (without `chapter`) or renames one. */
export function ChapterDialog({
  courseId,
  chapter,
  onClose,
}: {
  courseId: string;
  chapter?: Chapter;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<unknown>(null);
  const add = useAddChapter(courseId);
  const rename = useRenameChapter(courseId);

  const onFinish = ({ title }: Values) => {
    setFormError(null);
    const options = {
      onSuccess: onClose,
      onError: (error: unknown) => {
        if (!showFieldError(form, error, i18n.language, ['title'])) setFormError(error);
      },
    };
    if (chapter) rename.mutate({ id: chapter.id, title: title.trim() }, options);
    else add.mutate(title.trim(), options);
  };

  return (
    <Modal
      open
      title={chapter ? t('authoring.chapters.renameTitle') : t('authoring.chapters.addTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={chapter ? t('authoring.save') : t('authoring.chapters.add')}
      confirmLoading={add.isPending || rename.isPending}
      destroyOnHidden
    >
      <ErrorAlert error={formError} className="yx-form-alert" />
      <Form<Values>
        form={form}
        name="chapter"
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ title: chapter?.title ?? '' }}
      >
        <Form.Item
          name="title"
          label={t('authoring.chapters.title')}
          rules={[{ required: true, whitespace: true, message: t('authoring.chapters.titleRequired') }]}
        >
          <Input maxLength={100} autoFocus placeholder={t('authoring.chapters.titlePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
