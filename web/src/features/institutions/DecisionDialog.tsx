import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useDecideApplication, useOversee } from './api';
import type { Decision, InstitutionSummary, Oversight } from './types';

export type DialogAction = Decision | Oversight;

type Props = {
  institution: Pick<InstitutionSummary, 'id' | 'name' | 'regionName' | 'regionCode'>;
  action: DialogAction | null;
  onClose: () => void;
  onDone?: (action: DialogAction) => void;
};

const isDecision = (action: DialogAction): action is Decision =>
  action === 'approve' || action === 'return' || action === 'reject';

/** 批准 / 退回 / 驳回 with a comment, 暂停 / 恢复 with a reason: every decision is written down, confirmed in a dialog. */
export function DecisionDialog({ institution, action, onClose, onDone }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const decide = useDecideApplication();
  const oversee = useOversee();
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<{ text: string }>();
  const pending = decide.isPending || oversee.isPending;
  // Cleared on the way out, so the next decision starts empty (clearing on the way in could wipe what is typed
  // while the dialog is still opening).
  const close = () => {
    form.resetFields();
    setError(null);
    onClose();
  };

  const onFinish = ({ text }: { text: string }) => {
    if (!action) return;
    setError(null);
    const handlers = {
      onSuccess: () => {
        void message.success(
          isDecision(action) ? t(`institutions.review.done.${action}`) : t(`institutions.review.overseeDone.${action}`),
        );
        close();
        onDone?.(action);
      },
      onError: (cause: unknown) => {
        if (isApiError(cause, 'INSTITUTION_REASON_REQUIRED'))
          form.setFields([{ name: 'text', errors: [cause.localized(i18n.language)] }]);
        else setError(cause);
      },
    };
    if (isDecision(action)) decide.mutate({ id: institution.id, decision: action, comment: text.trim() }, handlers);
    else oversee.mutate({ id: institution.id, action, reason: text.trim() }, handlers);
  };

  const title = !action
    ? undefined
    : isDecision(action)
      ? t(`institutions.review.${action}Title`)
      : t(`institutions.review.${action}Title`, { name: institution.name });
  const label = action && isDecision(action) ? t('institutions.review.comment') : t('institutions.review.reason');
  const required =
    action && isDecision(action) ? t('institutions.review.commentRequired') : t('institutions.review.reasonRequired');

  return (
    <Modal
      open={action !== null}
      title={title}
      onCancel={close}
      onOk={() => form.submit()}
      okText={action ? t(`institutions.review.${action}`) : undefined}
      okButtonProps={{ danger: action === 'reject' || action === 'suspend', id: 'decision-submit' }}
      cancelText={t('common.cancel')}
      confirmLoading={pending}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {action && isDecision(action) && (
        <Typography.Paragraph strong>
          {t('institutions.review.target', {
            name: institution.name,
            region: institution.regionName ?? institution.regionCode,
          })}
        </Typography.Paragraph>
      )}
      {action === 'approve' && (
        <Alert type="info" showIcon className="yx-form-alert" title={t('institutions.review.approveBody')} />
      )}
      {action === 'reject' && (
        <Alert type="warning" showIcon className="yx-form-alert" title={t('institutions.review.rejectBody')} />
      )}
      {action === 'suspend' && (
        <Alert type="warning" showIcon className="yx-form-alert" title={t('institutions.review.suspendBody')} />
      )}
      <ErrorAlert error={error} className="yx-form-alert" />
      <Form form={form} name="decision" layout="vertical" onFinish={onFinish}>
        <Form.Item name="text" label={label} rules={[{ required: true, whitespace: true, min: 2, message: required }]}>
          <Input.TextArea
            rows={4}
            maxLength={1000}
            showCount
            placeholder={
              action && isDecision(action)
                ? t('institutions.review.commentPlaceholder')
                : t('institutions.review.reasonPlaceholder')
            }
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
