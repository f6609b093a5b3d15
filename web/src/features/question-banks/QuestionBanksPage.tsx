import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, List, Modal, Select, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useMe } from '../../api/auth';
import { can } from '../../app/sections';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatBeijingMinute } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useIsMobile } from '../../ui/useIsMobile';
import { useLevels } from '../authoring/api';
import { levelLabel } from '../authoring/CourseFields';
import { OccupationSelect } from '../authoring/OccupationSelect';
import { useBanks, useCreateBank } from './api';
import type { BankSummary } from './types';
import './question-banks.css';

/** 题库: the banks in scope (own and shared), and a new bank for an occupation and level. */
export function QuestionBanksPage() {
  const { t, i18n } = useTranslation();
  const mobile = useIsMobile();
  const me = useMe().data;
  const banks = useBanks();
  const levels = useLevels();
  const [creating, setCreating] = useState(false);
  const manage = !!me && can(me, 'question_banks.manage');
  const level = (n: number) => levelLabel(levels.data, n, i18n.language);
  const owner = (b: BankSummary) => (b.institutionId ? b.institutionName : <Tag color="blue">{t('qb.shared')}</Tag>);

  const columns: TableProps<BankSummary>['columns'] = [
    { key: 'name', title: t('qb.name'), render: (_, b) => <Link to={`/question-banks/${b.id}`}>{b.name}</Link> },
    { key: 'occupation', title: t('qb.occupation'), render: (_, b) => `${b.occupationName}（${b.occupationCode}）` },
    { key: 'level', title: t('qb.level'), render: (_, b) => level(b.level) },
    { key: 'owner', title: t('qb.owner'), render: (_, b) => owner(b) },
    { key: 'count', title: t('qb.questions'), dataIndex: 'questionCount', align: 'right' },
    { key: 'updated', title: t('qb.updatedAt'), render: (_, b) => formatBeijingMinute(b.updatedAt, i18n.language) },
  ];

  return (
    <div className="yx-qb-page">
      <PageHeader
        title={t('qb.banksTitle')}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="bank-new">
              {t('qb.newBank')}
            </Button>
          )
        }
      />
      <Typography.Paragraph type="secondary">{t('qb.banksIntro')}</Typography.Paragraph>
      <ErrorAlert error={banks.error} />
      {mobile ? (
        <List<BankSummary>
          dataSource={banks.data ?? []}
          loading={banks.isLoading}
          locale={{ emptyText: t('qb.emptyBanks') }}
          renderItem={(b) => (
            <Card size="small" className="yx-qb-card">
              <Link to={`/question-banks/${b.id}`} className="yx-qb-card-title">
                {b.name}
              </Link>
              <div>
                {b.occupationName} · {level(b.level)}
              </div>
              <div className="yx-qb-muted">
                {owner(b)} · {t('qb.questions')} {b.questionCount}
              </div>
            </Card>
          )}
        />
      ) : (
        <Table<BankSummary>
          rowKey="id"
          columns={columns}
          dataSource={banks.data ?? []}
          loading={banks.isLoading}
          pagination={false}
          locale={{ emptyText: t('qb.emptyBanks') }}
        />
      )}
      <NewBankDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}

type Values = { name?: string; occupationCode?: string | null; level?: number | null };

function NewBankDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const levels = useLevels();
  const create = useCreateBank();
  const [error, setError] = useState<unknown>(null);
  const onFinish = (v: Values) => {
    setError(null);
    create.mutate(
      { name: v.name ?? '', occupationCode: v.occupationCode ?? '', level: v.level ?? 0 },
      {
        onSuccess: (bank) => {
          void message.success(t('qb.bankDialog.create'));
          onClose();
          void navigate(`/question-banks/${bank.id}`);
        },
        onError: setError,
      },
    );
  };
  return (
    <Modal
      open={open}
      title={t('qb.bankDialog.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('qb.bankDialog.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <ErrorAlert error={error} className="yx-form-alert" />
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} name="bank">
        <Form.Item
          name="name"
          label={t('qb.name')}
          rules={[{ required: true, whitespace: true, max: 100, message: t('qb.bankDialog.nameRequired') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="occupationCode"
          label={t('qb.occupation')}
          rules={[{ required: true, message: t('qb.bankDialog.occupationRequired') }]}
        >
          <OccupationSelect />
        </Form.Item>
        <Form.Item
          name="level"
          label={t('qb.level')}
          rules={[{ required: true, message: t('qb.bankDialog.levelRequired') }]}
        >
          <Select
            options={(levels.data ?? []).map((l) => ({
              value: l.level,
              label: levelLabel(levels.data, l.level, i18n.language),
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
