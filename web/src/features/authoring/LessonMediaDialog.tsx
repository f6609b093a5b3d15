import { Alert, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { showFieldError } from '../../ui/form-errors';
import { useAddLesson, useUpdateLesson } from './api';
import { MediaUpload } from './MediaUpload';
import type { Lesson, LessonKind, Media } from './types';

type Values = { title: string; documentMinutes?: number | null };
const FIELDS = ['title', 'documentMinutes', 'mediaId'];

export type LessonMediaTarget =
  | { mode: 'add'; courseId: string; chapterId: string; chapterTitle: string; kind: LessonKind }
  | { mode: 'replace'; courseId: string; lesson: Lesson };

/** Adds a video or document lesson after its file is uploaded, or replaces the file of a draft's lesson. */
export function LessonMediaDialog({ target, onClose }: { target: LessonMediaTarget; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [media, setMedia] = useState<Media | null>(null);
  const [formError, setFormError] = useState<unknown>(null);
  const [mediaMissing, setMediaMissing] = useState(false);
  const add = useAddLesson(target.courseId);
  const update = useUpdateLesson(target.courseId);
  const kind = target.mode === 'add' ? target.kind : target.lesson.kind;
  const usable = !!media && media.status !== 'failed';

  const onMedia = useCallback(
    (next: Media | null) => {
      setMedia(next);
      if (next) setMediaMissing(false);
      if (!next || target.mode !== 'add') return;
      // Suggestions the author may change: the file's name as the title, two minutes a page for a document.
      if (!form.getFieldValue('title'))
        form.setFieldValue('title', next.originalName.replace(/\.[^.]+$/, '').slice(0, 100));
      if (next.kind === 'document' && next.pageCount && !form.getFieldValue('documentMinutes')) {
        form.setFieldValue('documentMinutes', Math.min(600, Math.max(1, next.pageCount * 2)));
      }
    },
    [form, target.mode],
  );

  const onError = (error: unknown) => {
    if (!showFieldError(form, error, i18n.language, FIELDS)) setFormError(error);
  };

  const onFinish = (values: Values) => {
    setFormError(null);
    if (!media || !usable) {
      setMediaMissing(true);
      return;
    }
    if (target.mode === 'add') {
      add.mutate(
        {
          chapterId: target.chapterId,
          title: values.title.trim(),
          kind,
          mediaId: media.id,
          documentMinutes: kind === 'document' ? (values.documentMinutes ?? null) : undefined,
        },
        { onSuccess: onClose, onError },
      );
    } else {
      update.mutate(
        {
          id: target.lesson.id,
          mediaId: media.id,
          ...(kind === 'document' && values.documentMinutes ? { documentMinutes: values.documentMinutes } : {}),
        },
        { onSuccess: onClose, onError },
      );
    }
  };

  const title =
    target.mode === 'add'
      ? t(kind === 'video' ? 'authoring.lessons.addVideoTitle' : 'authoring.lessons.addDocumentTitle', {
          chapter: target.chapterTitle,
        })
      : t('authoring.lessons.replaceTitle', { title: target.lesson.title });

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={target.mode === 'add' ? t('authoring.lessons.submit') : t('authoring.lessons.replaceSubmit')}
      okButtonProps={{ disabled: !usable, id: 'lesson-submit' }}
      confirmLoading={add.isPending || update.isPending}
      mask={{ closable: false }}
      width={600}
      destroyOnHidden
    >
      <ErrorAlert error={formError} className="yx-form-alert" />
      <Form<Values>
        form={form}
        name="lesson"
        layout="vertical"
        onFinish={onFinish}
        initialValues={
          target.mode === 'replace'
            ? { title: target.lesson.title, documentMinutes: target.lesson.documentMinutes }
            : undefined
        }
      >
        <Form.Item
          label={t(kind === 'video' ? 'authoring.lessons.videoFile' : 'authoring.lessons.documentFile')}
          required
        >
          <MediaUpload kind={kind} onMedia={onMedia} />
          {mediaMissing && <Typography.Text type="danger">{t('authoring.lessons.fileRequired')}</Typography.Text>}
        </Form.Item>
        {target.mode === 'add' && (
          <Form.Item
            name="title"
            label={t('authoring.lessons.title')}
            rules={[{ required: true, whitespace: true, message: t('authoring.lessons.titleRequired') }]}
          >
            <Input maxLength={100} placeholder={t('authoring.lessons.titlePlaceholder')} />
          </Form.Item>
        )}
        {kind === 'document' && (
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
      {kind === 'video' && media && media.status !== 'ready' && media.status !== 'failed' && (
        <Alert type="info" showIcon title={t('authoring.lessons.canAddWhileProcessing')} />
      )}
    </Modal>
  );
}
