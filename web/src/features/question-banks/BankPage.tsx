import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Dropdown, Flex, List, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { useIsMobile } from '../../ui/useIsMobile';
import { useLevels } from '../authoring/api';
import { levelLabel } from '../authoring/CourseFields';
import { exportUrl, useBank, useQuestions, useRetire } from './api';
import { ImportDialog } from './ImportDialog';
import { QuestionForm } from './QuestionForm';
import type { FileFormat, QuestionView } from './types';
import './question-banks.css';

const FORMATS: FileFormat[] = ['xlsx', 'moodle_xml', 'gift'];

/** How a question's answer reads in the list. */
export function answerText(q: { type: string; answer: string[] }, t: (key: string) => string): string {
  if (q.type === 'true_false') return q.answer[0] === 'true' ? t('qb.form.trueLabel') : t('qb.form.falseLabel');
  if (q.type === 'fill_blank') return q.answer.join(' | ');
  if (q.type === 'short_answer') return q.answer[0] ?? '—';
  return q.answer.join('');
}

/** 题库编辑: the questions of one bank, added and edited (as new versions), imported and exported. */
export function BankPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const mobile = useIsMobile();
  const bank = useBank(id);
  const levels = useLevels();
  const [retired, setRetired] = useState(false);
  const questions = useQuestions(id, retired);
  const retire = useRetire();
  const [editing, setEditing] = useState<QuestionView | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [importing, setImporting] = useState(false);
  const b = bank.data;
  const manage = !!b?.canManage;

  const open = (q: QuestionView | null) => {
    setEditing(q);
    setFormOpen(true);
  };
  const toggle = (q: QuestionView) =>
    retire.mutate(
      { id: q.id, retired: !q.retired },
      { onSuccess: () => (q.retired ? undefined : void message.success(t('qb.retireDone'))) },
    );
  const actions = (q: QuestionView) =>
    manage && (
      <Space size={4}>
        {!q.retired && (
          <Button size="small" onClick={() => open(q)}>
            {t('qb.edit')}
          </Button>
        )}
        <Button size="small" onClick={() => toggle(q)}>
          {q.retired ? t('qb.restore') : t('qb.retire')}
        </Button>
      </Space>
    );
  const meta = (q: QuestionView) => (
    <Space size={4} wrap>
      <Tag color="geekblue">{t(`qb.types.${q.type}`)}</Tag>
      <Tag>
        {t('qb.difficulty')} {q.difficulty}
      </Tag>
      {q.moduleCode && <Tag>{q.moduleCode}</Tag>}
      <Typography.Text type="secondary">v{q.version}</Typography.Text>
    </Space>
  );
  const stem = (q: QuestionView) => (
    <Flex vertical gap={4}>
      <span className="yx-qb-stem">{q.stem}</span>
      {q.options.length > 0 && (
        <span className="yx-qb-muted">{q.options.map((o) => `${o.key}. ${o.text}`).join('　')}</span>
      )}
    </Flex>
  );
  const columns: TableProps<QuestionView>['columns'] = [
    { key: 'stem', title: t('qb.stem'), render: (_, q) => stem(q) },
    { key: 'meta', title: t('qb.fields.type'), width: 260, render: (_, q) => meta(q) },
    { key: 'answer', title: t('qb.answer'), width: 160, render: (_, q) => answerText(q, t) },
    ...(manage
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            width: 150,
            render: (_: unknown, q: QuestionView) => actions(q),
          },
        ]
      : []),
  ];

  return (
    <div className="yx-qb-page">
      <PageHeader
        title={b?.name ?? t('qb.banksTitle')}
        extra={
          b && (
            <Space wrap>
              {manage && (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => open(null)} data-testid="question-add">
                  {t('qb.addQuestion')}
                </Button>
              )}
              {manage && (
                <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="question-import">
                  {t('qb.importTitle')}
                </Button>
              )}
              <Dropdown
                menu={{
                  items: FORMATS.map((f) => ({ key: f, label: <a href={exportUrl(id, f)}>{t(`qb.formats.${f}`)}</a> })),
                }}
              >
                <Button icon={<DownloadOutlined />}>{t('qb.export')}</Button>
              </Dropdown>
            </Space>
          )
        }
      />
      <ErrorAlert error={bank.error ?? questions.error} />
      {b && (
        <Typography.Paragraph type="secondary">
          {b.occupationName}（{b.occupationCode}）· {levelLabel(levels.data, b.level, i18n.language)} ·{' '}
          {b.institutionName ?? t('qb.shared')} · {t('qb.questions')} {b.questionCount}
        </Typography.Paragraph>
      )}
      {b && !manage && (
        <Alert
          type="info"
          showIcon
          title={t('qb.readOnly', { owner: b.institutionName ?? t('qb.shared') })}
          className="yx-qb-gap"
        />
      )}
      <Segmented
        className="yx-qb-gap"
        value={retired ? 'retired' : 'live'}
        onChange={(v) => setRetired(v === 'retired')}
        options={[
          { value: 'live', label: t('qb.inUse') },
          { value: 'retired', label: t('qb.retiredList') },
        ]}
      />
      {mobile ? (
        <List<QuestionView>
          dataSource={questions.data ?? []}
          loading={questions.isLoading}
          renderItem={(q) => (
            <Card size="small" className="yx-qb-card">
              <Flex vertical gap={6}>
                {meta(q)}
                {stem(q)}
                <span>
                  {t('qb.answer')}：{answerText(q, t)}
                </span>
                {actions(q)}
              </Flex>
            </Card>
          )}
        />
      ) : (
        <Table<QuestionView>
          rowKey="id"
          columns={columns}
          dataSource={questions.data ?? []}
          loading={questions.isLoading}
          pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        />
      )}
      {b && (
        <QuestionForm
          bankId={id}
          modules={b.modules}
          question={editing}
          open={formOpen}
          onClose={() => setFormOpen(false)}
        />
      )}
      {b && manage && <ImportDialog bankId={id} open={importing} onClose={() => setImporting(false)} />}
    </div>
  );
}
