import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Flex, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useSaveQuestion } from './api';
import { QUESTION_TYPES, type QuestionInput, type QuestionType, type QuestionView } from './types';

const KEYS = 'ABCDEFGH'.split('');

type Values = {
  type: QuestionType;
  stem: string;
  options: string[];
  correct: string[];
  single: string;
  truth: 'true' | 'false';
  accepted: string;
  reference: string;
  explanation: string;
  difficulty: number;
  moduleCode: string | null;
};

function toValues(q: QuestionView | null): Values {
  const choice = q && (q.type === 'single' || q.type === 'multiple');
  return {
    type: q?.type ?? 'single',
    stem: q?.stem ?? '',
    options: choice ? q.options.map((o) => o.text) : ['', '', '', ''],
    correct: q?.type === 'multiple' ? q.answer : [],
    single: q?.type === 'single' ? q.answer[0] : 'A',
    truth: q?.type === 'true_false' && q.answer[0] === 'false' ? 'false' : 'true',
    accepted: q?.type === 'fill_blank' ? q.answer.join('\n') : '',
    reference: q?.type === 'short_answer' ? (q.answer[0] ?? '') : '',
    explanation: q?.explanation ?? '',
    difficulty: q?.difficulty ?? 3,
    moduleCode: q?.moduleCode ?? null,
  };
}

function toInput(v: Values): QuestionInput {
  const choice = v.type === 'single' || v.type === 'multiple';
  const answer =
    v.type === 'single'
      ? [v.single]
      : v.type === 'multiple'
        ? v.correct
        : v.type === 'true_false'
          ? [v.truth]
          : v.type === 'fill_blank'
            ? v.accepted
                .split('\n')
                .map((a) => a.trim())
                .filter((a) => a !== '')
            : v.reference.trim() === ''
              ? []
              : [v.reference];
  return {
    type: v.type,
    stem: v.stem,
    options: choice ? v.options.map((text, i) => ({ key: KEYS[i], text })) : [],
    answer,
    explanation: v.explanation ?? '',
    difficulty: v.difficulty,
    moduleCode: v.moduleCode ?? null,
  };
}

/** 添加/编辑题目: saving an edit makes a new version; attempts that used the old one keep it. */
export function QuestionForm({
  bankId,
  modules,
  question,
  open,
  onClose,
}: {
  bankId: string;
  modules: string[];
  question: QuestionView | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveQuestion(bankId);
  const [error, setError] = useState<unknown>(null);
  const type = Form.useWatch('type', form) ?? 'single';
  const options = (Form.useWatch('options', form) as string[] | undefined) ?? [];

  useEffect(() => {
    if (open) {
      form.setFieldsValue(toValues(question));
      setError(null);
    }
  }, [open, question, form]);

  const onFinish = (v: Values) => {
    setError(null);
    save.mutate(
      { id: question?.id, version: question?.version, input: toInput(v) },
      {
        onSuccess: () => {
          void message.success(t('qb.form.saved'));
          onClose();
        },
        onError: setError,
      },
    );
  };
  const keys = options.map((_, i) => KEYS[i]);
  return (
    <Modal
      open={open}
      width={720}
      title={question ? t('qb.form.editTitle', { version: question.version + 1 }) : t('qb.form.addTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('qb.form.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
      forceRender
    >
      <ErrorAlert error={error} className="yx-form-alert" />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        name="question"
        initialValues={toValues(question)}
      >
        <Flex gap={12} wrap>
          <Form.Item name="type" label={t('qb.fields.type')} className="yx-qb-grow">
            <Select options={QUESTION_TYPES.map((q) => ({ value: q, label: t(`qb.types.${q}`) }))} />
          </Form.Item>
          <Form.Item name="difficulty" label={t('qb.difficulty')}>
            <InputNumber min={1} max={5} precision={0} />
          </Form.Item>
          <Form.Item name="moduleCode" label={t('qb.module')} className="yx-qb-grow">
            <Select allowClear placeholder={t('qb.anyModule')} options={modules.map((m) => ({ value: m, label: m }))} />
          </Form.Item>
        </Flex>
        <Form.Item
          name="stem"
          label={t('qb.stem')}
          rules={[{ required: true, whitespace: true, message: t('qb.form.stemRequired') }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} />
        </Form.Item>
        {(type === 'single' || type === 'multiple') && (
          <>
            <Form.List name="options">
              {(fields, { add, remove }) => (
                <Form.Item label={t('qb.form.options')}>
                  {fields.map((field, i) => (
                    <Flex key={field.key} gap={8} align="center" className="yx-qb-option">
                      <span className="yx-qb-key">{KEYS[i]}</span>
                      <Form.Item name={field.name} noStyle>
                        <Input maxLength={500} />
                      </Form.Item>
                      {fields.length > 2 && <MinusCircleOutlined onClick={() => remove(field.name)} />}
                    </Flex>
                  ))}
                  {fields.length < KEYS.length && (
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')}>
                      {t('qb.form.addOption')}
                    </Button>
                  )}
                </Form.Item>
              )}
            </Form.List>
            {type === 'single' ? (
              <Form.Item name="single" label={t('qb.form.correct')}>
                <Radio.Group options={keys.map((k) => ({ value: k, label: k }))} />
              </Form.Item>
            ) : (
              <Form.Item name="correct" label={t('qb.form.correct')}>
                <Checkbox.Group options={keys.map((k) => ({ value: k, label: k }))} />
              </Form.Item>
            )}
          </>
        )}
        {type === 'true_false' && (
          <Form.Item name="truth" label={t('qb.form.correct')}>
            <Radio.Group
              options={[
                { value: 'true', label: t('qb.form.trueLabel') },
                { value: 'false', label: t('qb.form.falseLabel') },
              ]}
            />
          </Form.Item>
        )}
        {type === 'fill_blank' && (
          <Form.Item name="accepted" label={t('qb.form.accepted')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
        )}
        {type === 'short_answer' && (
          <Form.Item name="reference" label={t('qb.form.reference')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
          </Form.Item>
        )}
        <Form.Item name="explanation" label={t('qb.form.explanation')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
