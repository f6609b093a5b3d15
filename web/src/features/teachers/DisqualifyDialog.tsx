import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useLevels } from '../authoring/api';
import { levelLabel } from '../authoring/CourseFields';
import { useDisqualify } from './api';
import type { Qualification } from './types';

type Props = { target: { teacherName: string; qualification: Qualification } | null; onClose: () => void };

/** 撤销资格: a regulator withdraws a teacher's qualification, always with a written reason. */
export function DisqualifyDialog({ target, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const levels = useLevels();
  const [form] = Form.useForm<{ reason: string }>();
  const disqualify = useDisqualify();
  const [error, setError] = useState<unknown>(null);
  const q = target?.qualification;

  const onFinish = ({ reason }: { reason: string }) => {
    if (!q) return;
    setError(null);
    disqualify.mutate(
      { id: q.id, reason: reason.trim() },
      {
        onSuccess: () => {
          void message.success(t('teachers.withdraw.done'));
          onClose();
        },
        onError: (cause) => {
          if (isApiError(cause, 'CLASS_REASON_REQUIRED'))
            form.setFields([{ name: 'reason', errors: [cause.localized(i18n.language)] }]);
          else setError(cause);
        },
      },
    );
  };

  return (
    <Modal
      open={target !== null}
      title={t('teachers.withdraw.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('teachers.withdraw.confirm')}
      okButtonProps={{ danger: true, id: 'disqualify-confirm' }}
      cancelText={t('common.cancel')}
      confirmLoading={disqualify.isPending}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {target && q && (
        <Typography.Paragraph strong>
          {t('teachers.withdraw.line', {
            teacher: target.teacherName,
            kind: t(`teachers.kinds.${q.certificateKind}`, { defaultValue: q.certificateKind }),
            no: q.certificateNo,
            occupation: q.occupationName,
            level: levelLabel(levels.data, q.level, i18n.language),
          })}
        </Typography.Paragraph>
      )}
      <Alert type="warning" showIcon className="yx-form-alert" title={t('teachers.withdraw.body')} />
      <ErrorAlert error={error} className="yx-form-alert" />
      <Form form={form} name="disqualify" layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="reason"
          label={t('teachers.withdraw.reason')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('teachers.withdraw.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('teachers.withdraw.reasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
