import { Form, Input, InputNumber, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { showFieldError } from '../../ui/form-errors';
import { useUpdateLesson } from './api';
import type { Lesson } from './types';

type Values = { title: string; documentMinutes?: number | null };

/** Renames a lesson; for a document also its planned reading time. */
export function LessonEditDialog({
  courseId,
  lesson,
  onClose,
}: {
  courseId: string;
  lesson: Lesson;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<unknown>(null);
  const update = useUpdateLesson(courseId);
  const document = lesson.kind === 'document';

  const onFinish = (values: Values) => {
    setFormError(null);
    update.mutate(
      {
        id: lesson.id,
        title: values.title.trim(),
        ...(document ? { documentMinutes: values.documentMinutes ?? null } : {}),
      },
      {
        onSuccess: onClose,
        onError: (error) => {
          if (!showFieldError(form, error, i18n.language, ['title', 'documentMinutes'])) setFormError(error);
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('authoring.lessons.editTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('authoring.save')}
      confirmLoading={update.isPending}
      destroyOnHidden
    >
      <ErrorAlert error={formError} className="yx-form-alert" />
      <Form<Values>
        form={form}
        name="lessonEdit"
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ title: lesson.title, documentMinutes: lesson.documentMinutes }}
      >
        <Form.Item
          name="title"
          label={t('authoring.lessons.title')}
          rules={[{ required: true, whitespace: true, message: t('authoring.lessons.titleRequired') }]}
        >
          <Input maxLength={100} autoFocus />
        </Form.Item>
        {document && (
          <Form.Item
            name="documentMinutes"
            label={t('authoring.lessons.documentMinutes')}
            extra={t('authoring.lessons.documentMinutesHelp')}
            rules={[{ required: true, message: t('authoring.lessons.documentMinutesRequired') }]}
          >
            <InputNumber
              min={1}
              max={600}
              precision={0}
              suffix={t('authoring.lessons.minutesUnit')}
              style={{ width: 180 }}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
