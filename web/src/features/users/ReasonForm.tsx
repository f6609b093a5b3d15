import { Form, Input } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';

export type ReasonValues = { reason: string };

/** The "why" every audited action asks for. */
export function ReasonForm({
  form,
  placeholder,
  onFinish,
}: {
  form: FormInstance<ReasonValues>;
  placeholder: string;
  onFinish: (values: ReasonValues) => void;
}) {
  const { t } = useTranslation();
  return (
    <Form<ReasonValues> form={form} layout="vertical" onFinish={onFinish}>
      <Form.Item
        name="reason"
        label={t('common.reason')}
        rules={[{ required: true, whitespace: true, message: t('validation.reasonRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={200} showCount placeholder={placeholder} />
      </Form.Item>
    </Form>
  );
}
