import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Checkbox,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Radio,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { useBank, useBanks, usePaper, usePreviewPaper, useQuestions, useSavePaper } from './api';
import { answerText } from './BankPage';
import { PAPER_KINDS, QUESTION_TYPES, type PaperInput, type PaperView, type QuestionType } from './types';
import './question-banks.css';

type Values = {
  name: string;
  kind: PaperInput['kind'];
  bankIds: string[];
  mode: PaperInput['mode'];
  questionIds: string[];
  rules: { type: QuestionType; count: number; moduleCode?: string | null; difficulty?: number | null }[];
  typeScores: Record<QuestionType, number>;
};

const DEFAULT_SCORES: Record<QuestionType, number> = {
  single: 1,
  multiple: 2,
  true_false: 1,
  fill_blank: 2,
  short_answer: 10,
};

function toValues(p: PaperView | undefined): Values {
  return {
    name: p?.name ?? '',
    kind: p?.kind ?? 'mock',
    bankIds: p?.bankIds ?? [],
    mode: p?.mode ?? 'draw',
    questionIds: p?.questionIds ?? [],
    rules: p?.rules ?? [{ type: 'single', count: 10, moduleCode: null, difficulty: null }],
    typeScores: p?.typeScores ?? DEFAULT_SCORES,
  };
}

function toInput(v: Values): PaperInput {
  return {
    name: v.name,
    kind: v.kind,
    bankIds: v.bankIds,
    mode: v.mode,
    questionIds: v.mode === 'fixed' ? v.questionIds : [],
    rules:
      v.mode === 'draw'
        ? v.rules.map((r) => ({
            type: r.type,
            count: r.count,
            moduleCode: r.moduleCode ?? null,
            difficulty: r.difficulty ?? null,
          }))
        : [],
    typeScores: v.typeScores,
  };
}

/** The questions of one bank to tick for a fixed paper. */
function BankQuestions({ bankId }: { bankId: string }) {
  const { t } = useTranslation();
  const questions = useQuestions(bankId);
  return (
    <Flex vertical gap={4}>
      {(questions.data ?? []).map((q) => (
        <Checkbox key={q.id} value={q.id}>
          <Tag>{t(`qb.types.${q.type}`)}</Tag>
          {q.stem}
        </Checkbox>
      ))}
    </Flex>
  );
}

/** 组卷: banks, fixed questions or draw rules, points per type; the server refuses rules its banks cannot meet. */
export function PaperBuilder() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const paper = usePaper(id);
  const banks = useBanks();
  const save = useSavePaper();
  const preview = usePreviewPaper();
  const [error, setError] = useState<unknown>(null);
  const bankIds = (Form.useWatch('bankIds', form) as string[] | undefined) ?? [];
  const mode = Form.useWatch('mode', form) ?? 'draw';
  const firstBank = useBank(bankIds[0] ?? '');
  const modules = bankIds.length > 0 ? (firstBank.data?.modules ?? []) : [];
  const readOnly = !!paper.data && !paper.data.canManage;

  useEffect(() => {
    if (paper.data) form.setFieldsValue(toValues(paper.data));
  }, [paper.data, form]);

  const onSave = (v: Values) => {
    setError(null);
    save.mutate(
      { id, input: toInput(v) },
      {
        onSuccess: (saved) => {
          void message.success(t('qb.builder.saved'));
          if (!id) void navigate(`/papers/${saved.id}`, { replace: true });
        },
        onError: setError,
      },
    );
  };
  const onPreview = () => {
    setError(null);
    preview.mutate(toInput(form.getFieldsValue(true) as Values), { onError: setError });
  };

  return (
    <div className="yx-qb-page">
      <PageHeader title={paper.data?.name ?? t('qb.builder.title')} />
      <ErrorAlert error={paper.error} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onSave}
        initialValues={toValues(undefined)}
        disabled={readOnly}
        name="paper"
      >
        <Card size="small" className="yx-qb-gap">
          <Flex gap={12} wrap>
            <Form.Item
              name="name"
              label={t('qb.name')}
              className="yx-qb-grow"
              rules={[{ required: true, whitespace: true, message: t('qb.builder.nameRequired') }]}
            >
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="kind" label={t('qb.kind')}>
              <Select
                className="yx-qb-kind"
                options={PAPER_KINDS.map((k) => ({ value: k, label: t(`qb.kinds.${k}`) }))}
              />
            </Form.Item>
          </Flex>
          <Form.Item
            name="bankIds"
            label={t('qb.builder.banks')}
            rules={[{ required: true, message: t('qb.builder.banksRequired') }]}
          >
            <Select
              mode="multiple"
              loading={banks.isLoading}
              options={(banks.data ?? []).map((b) => ({
                value: b.id,
                label: `${b.name}（${b.occupationName} · ${b.questionCount}）`,
              }))}
            />
          </Form.Item>
          <Form.Item name="mode" label={t('qb.mode')}>
            <Radio.Group options={(['draw', 'fixed'] as const).map((m) => ({ value: m, label: t(`qb.modes.${m}`) }))} />
          </Form.Item>
        </Card>
        {mode === 'draw' ? (
          <Card size="small" title={t('qb.builder.rules')} className="yx-qb-gap">
            <Form.List name="rules">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field, i) => (
                    <Flex key={field.key} gap={8} wrap align="center" className="yx-qb-rule" data-testid="draw-rule">
                      <Typography.Text strong>{t('qb.builder.rule', { n: i + 1 })}</Typography.Text>
                      <Form.Item name={[field.name, 'type']} noStyle>
                        <Select
                          className="yx-qb-rule-type"
                          options={QUESTION_TYPES.map((q) => ({ value: q, label: t(`qb.types.${q}`) }))}
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, 'count']} noStyle>
                        <InputNumber
                          min={1}
                          max={300}
                          precision={0}
                          addonAfter={t('qb.builder.count')}
                          className="yx-qb-rule-count"
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, 'moduleCode']} noStyle>
                        <Select
                          allowClear
                          placeholder={t('qb.anyModule')}
                          className="yx-qb-rule-module"
                          options={modules.map((m) => ({ value: m, label: m }))}
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, 'difficulty']} noStyle>
                        <Select
                          allowClear
                          placeholder={t('qb.anyDifficulty')}
                          className="yx-qb-rule-difficulty"
                          options={[1, 2, 3, 4, 5].map((d) => ({ value: d, label: `${t('qb.difficulty')} ${d}` }))}
                        />
                      </Form.Item>
                      {fields.length > 1 && (
                        <MinusCircleOutlined aria-label={t('qb.builder.remove')} onClick={() => remove(field.name)} />
                      )}
                    </Flex>
                  ))}
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => add({ type: 'single', count: 5, moduleCode: null, difficulty: null })}
                  >
                    {t('qb.builder.addRule')}
                  </Button>
                </>
              )}
            </Form.List>
          </Card>
        ) : (
          <Card size="small" title={t('qb.builder.fixedQuestions')} className="yx-qb-gap">
            <Form.Item name="questionIds" noStyle>
              <Checkbox.Group>
                <Flex vertical gap={8}>
                  {bankIds.map((b) => (
                    <BankQuestions key={b} bankId={b} />
                  ))}
                </Flex>
              </Checkbox.Group>
            </Form.Item>
          </Card>
        )}
        <Card size="small" title={t('qb.builder.scores')} className="yx-qb-gap">
          <Flex gap={12} wrap>
            {QUESTION_TYPES.map((q) => (
              <Form.Item key={q} name={['typeScores', q]} label={t(`qb.types.${q}`)}>
                <InputNumber min={0} max={100} precision={0} />
              </Form.Item>
            ))}
          </Flex>
        </Card>
        <ErrorAlert error={error} className="yx-qb-gap" />
        {!readOnly && (
          <Space wrap className="yx-qb-gap">
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="paper-save">
              {t('qb.builder.save')}
            </Button>
            <Button onClick={onPreview} loading={preview.isPending} data-testid="paper-preview">
              {t('qb.builder.preview')}
            </Button>
          </Space>
        )}
      </Form>
      {preview.data && (
        <Card size="small" title={t('qb.builder.previewTitle', { score: preview.data.totalScore })}>
          <List
            dataSource={preview.data.items}
            renderItem={(item, i) => (
              <List.Item>
                <Flex vertical gap={4}>
                  <span>
                    {i + 1}. <Tag>{t(`qb.types.${item.type}`)}</Tag>
                    {item.stem}（{item.score}）
                  </span>
                  {item.optionOrder.length > 0 && (
                    <span className="yx-qb-muted">
                      {item.optionOrder
                        .map((key, at) => `${'ABCDEFGH'[at]}. ${item.options.find((o) => o.key === key)?.text ?? ''}`)
                        .join('　')}
                    </span>
                  )}
                  <span className="yx-qb-muted">
                    {t('qb.answer')}：{answerText(item, t)}
                  </span>
                </Flex>
              </List.Item>
            )}
          />
        </Card>
      )}
    </div>
  );
}
