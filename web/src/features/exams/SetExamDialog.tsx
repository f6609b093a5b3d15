import { Alert, App, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Segmented, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../ui/ErrorAlert';
import { useClass } from '../classes/api';
import { usePapers } from '../question-banks/api';
import { examApi } from './api';

type Kind = 'practice' | 'mock' | 'formal';
type Values = {
  title: string;
  paperId: string;
  window: [Dayjs, Dayjs];
  timeLimitMinutes: number | null;
  maxAttempts: number | null;
  passMark: number;
};

/**
 * The institution sets an exam on a class: the kind, a paper of that kind for the class's occupation and level, the
 * window, the time limit and attempts (practice: neither), and the pass mark (the class's policy mark unless changed).
 */
export function SetExamDialog(props: { classId: string; defaultPassMark: number; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const klass = useClass(props.classId);
  const papers = usePapers();
  const [kind, setKind] = useState<Kind>('formal');
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<Values>();
  const fitting = (papers.data ?? []).filter(
    (p) =>
      p.kind === kind && klass.data && p.occupationCode === klass.data.occupationCode && p.level === klass.data.level,
  );

  const save = async (values: Values) => {
    setSaving(true);
    try {
      await examApi.create(props.classId, {
        paperId: values.paperId,
        title: values.title.trim(),
        windowStart: values.window[0].toISOString(),
        windowEnd: values.window[1].toISOString(),
        timeLimitMinutes: kind === 'practice' ? (values.timeLimitMinutes ?? null) : values.timeLimitMinutes,
        maxAttempts: kind === 'practice' ? null : values.maxAttempts,
        passMark: values.passMark,
      });
      void message.success(t('exams.set.saved'));
      props.onClose(true);
    } catch (e) {
      const error = errorText(e);
      void message.error(error.message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('exams.set.title')}
      okText={t('exams.set.save')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={() => props.onClose(false)}
      destroyOnHidden
      width={640}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void save(v)}
        data-testid="set-exam-form"
        initialValues={{
          title: t('exams.set.defaultTitle.formal'),
          window: [dayjs().startOf('minute'), dayjs().add(8, 'day').hour(18).minute(0).second(0)],
          timeLimitMinutes: 90,
          maxAttempts: 2,
          passMark: props.defaultPassMark,
        }}
      >
        <Form.Item label={t('exams.set.kind')}>
          <Segmented<Kind>
            block
            value={kind}
            onChange={(value) => {
              setKind(value);
              form.setFieldsValue({ paperId: undefined, title: t(`exams.set.defaultTitle.${value}`) });
            }}
            options={(['formal', 'mock', 'practice'] as const).map((k) => ({ value: k, label: t(`exams.kind.${k}`) }))}
            data-testid="set-exam-kind"
          />
        </Form.Item>
        <Form.Item
          name="paperId"
          label={t('exams.set.paper')}
          rules={[{ required: true, message: t('exams.set.paperRule') }]}
          extra={
            klass.data && t('exams.set.paperHelp', { occupation: klass.data.occupationName, level: klass.data.level })
          }
        >
          <Select
            loading={papers.isLoading || klass.isLoading}
            placeholder={t('exams.set.paperPlaceholder')}
            notFoundContent={t('exams.set.noPapers')}
            options={fitting.map((p) => ({
              value: p.id,
              label: t('exams.set.paperOption', { name: p.name, count: p.questionCount, total: p.totalScore }),
            }))}
            data-testid="set-exam-paper"
          />
        </Form.Item>
        <Form.Item name="title" label={t('exams.set.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="window"
          label={t('exams.set.window')}
          rules={[
            { required: true, message: t('exams.set.windowRule') },
            {
              validator: async (_, window?: [Dayjs, Dayjs]) => {
                if (window && !window[1].isAfter(window[0])) throw new Error(t('exams.set.endAfterStart'));
              },
            },
          ]}
        >
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item
              name="timeLimitMinutes"
              label={t('exams.set.timeLimit')}
              rules={kind === 'practice' ? [] : [{ required: true, message: t('exams.set.timeLimitRule') }]}
            >
              <InputNumber
                min={1}
                max={600}
                precision={0}
                addonAfter={t('exams.set.minutes')}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item
              name="maxAttempts"
              label={t('exams.set.attempts')}
              rules={kind === 'practice' ? [] : [{ required: true, message: t('exams.set.attemptsRule') }]}
            >
              <InputNumber
                min={1}
                max={20}
                precision={0}
                disabled={kind === 'practice'}
                placeholder={kind === 'practice' ? t('exams.set.unlimited') : undefined}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item
              name="passMark"
              label={t('exams.set.passMark')}
              rules={[{ required: true }]}
              extra={t('exams.set.policyMark', { mark: props.defaultPassMark })}
            >
              <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        {kind === 'formal' && <Alert type="info" showIcon title={t('exams.set.formalNote')} />}
      </Form>
    </Modal>
  );
}
