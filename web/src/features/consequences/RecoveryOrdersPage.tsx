import {
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Segmented,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import type { RecoveryOrder } from '@contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth';
import { useErrorText } from '../../ui/ErrorAlert';
import { formatBeijingMinute } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { QueryState } from '../../ui/QueryState';
import { formatFen, useRecoveryAction, useRecoveryOrder, useRecoveryOrders } from './api';

type Status = RecoveryOrder['status'];
const STATUSES: Status[] = ['open', 'partly_recovered', 'recovered', 'written_off'];
const STATUS_COLORS: Record<Status, string> = {
  open: 'orange',
  partly_recovered: 'gold',
  recovered: 'green',
  written_off: 'default',
};

/** Recovery orders: the regulator records recovered amounts and writes off; the institution reads its own. */
export function RecoveryOrdersPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const canManage = !!me?.permissions.includes('subsidies.recovery.manage');
  const [status, setStatus] = useState<Status | 'all'>('all');
  const [openId, setOpenId] = useState<string | null>(null);
  const orders = useRecoveryOrders(status === 'all' ? undefined : status);
  const lang = i18n.language;

  const columns: TableProps<RecoveryOrder>['columns'] = [
    {
      title: t('consequences.recovery.columns.learner'),
      dataIndex: 'learnerName',
      render: (name: string, o) => (
        <Flex vertical>
          <Typography.Text strong>{name}</Typography.Text>
          <Typography.Text type="secondary">{o.className}</Typography.Text>
        </Flex>
      ),
    },
    { title: t('consequences.recovery.columns.institution'), dataIndex: 'institutionName', responsive: ['md'] },
    {
      title: t('consequences.recovery.columns.payer'),
      dataIndex: 'payer',
      render: (payer: RecoveryOrder['payer']) => t(`consequences.recovery.payer.${payer}`),
    },
    {
      title: t('consequences.recovery.columns.outstanding'),
      dataIndex: 'outstandingFen',
      align: 'right',
      render: (fen: number, o) => (
        <Flex vertical align="end">
          <span>{formatFen(fen, lang)}</span>
          <Typography.Text type="secondary">/ {formatFen(o.amountFen, lang)}</Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('consequences.recovery.columns.due'),
      dataIndex: 'dueAt',
      responsive: ['sm'],
      render: (due: string, o) => (
        <Flex vertical>
          <span>{formatBeijingMinute(due, lang)}</span>
          {o.overdue && <Tag color="red">{t('consequences.recovery.overdue')}</Tag>}
        </Flex>
      ),
    },
    {
      title: t('consequences.recovery.columns.status'),
      dataIndex: 'status',
      render: (s: Status) => <Tag color={STATUS_COLORS[s]}>{t(`consequences.recovery.status.${s}`)}</Tag>,
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeader title={t('consequences.recovery.title')} />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('consequences.recovery.intro')}
        {!canManage && ` ${t('consequences.recovery.readOnly')}`}
      </Typography.Paragraph>
      <Segmented
        value={status}
        onChange={(v) => setStatus(v)}
        options={[
          { value: 'all' as const, label: t('consequences.recovery.all') },
          ...STATUSES.map((s) => ({ value: s, label: t(`consequences.recovery.status.${s}`) })),
        ]}
        style={{ maxWidth: '100%', overflowX: 'auto' }}
      />
      <QueryState loading={orders.isPending} error={orders.error} onRetry={() => void orders.refetch()}>
        <Card size="small">
          <Table<RecoveryOrder>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={orders.data ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: t('consequences.recovery.empty') }}
            onRow={(o) => ({ onClick: () => setOpenId(o.id), style: { cursor: 'pointer' } })}
          />
        </Card>
      </QueryState>
      <RecoveryDrawer id={openId} canManage={canManage} onClose={() => setOpenId(null)} />
    </Flex>
  );
}

function RecoveryDrawer({ id, canManage, onClose }: { id: string | null; canManage: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const order = useRecoveryOrder(id);
  const o = order.data;
  return (
    <Drawer open={!!id} onClose={onClose} title={t('consequences.recovery.detail')} width="min(560px, 100vw)">
      <QueryState loading={order.isPending} error={order.error} onRetry={() => void order.refetch()}>
        {o && (
          <Flex vertical gap={16}>
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={t('consequences.recovery.columns.learner')}>{o.learnerName}</Descriptions.Item>
              <Descriptions.Item label={t('consequences.recovery.columns.className')}>{o.className}</Descriptions.Item>
              <Descriptions.Item label={t('consequences.recovery.columns.institution')}>
                {o.institutionName}
              </Descriptions.Item>
              <Descriptions.Item label={t('consequences.recovery.columns.payer')}>
                {t(`consequences.recovery.payer.${o.payer}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('consequences.recovery.columns.amount')}>
                {formatFen(o.amountFen, lang)}
              </Descriptions.Item>
              <Descriptions.Item label={t('consequences.recovery.columns.outstanding')}>
                {formatFen(o.outstandingFen, lang)}
              </Descriptions.Item>
              <Descriptions.Item label={t('consequences.recovery.columns.due')}>
                {formatBeijingMinute(o.dueAt, lang)}
                {o.overdue && (
                  <Tag color="red" style={{ marginInlineStart: 8 }}>
                    {t('consequences.recovery.overdue')}
                  </Tag>
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('consequences.recovery.columns.status')}>
                <Tag color={STATUS_COLORS[o.status]}>{t(`consequences.recovery.status.${o.status}`)}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('consequences.recovery.reason')}>{o.reason}</Descriptions.Item>
            </Descriptions>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('consequences.recovery.history')}
            </Typography.Title>
            <Timeline
              items={o.events.map((e) => ({
                children: (
                  <Flex vertical>
                    <Typography.Text strong>
                      {t(`consequences.recovery.events.${e.action}`)} · {formatFen(e.amountFen, lang)}
                    </Typography.Text>
                    {/* The platform's own overdue entry says nothing the label does not. */}
                    {e.action !== 'overdue' && <Typography.Text>{e.reason}</Typography.Text>}
                    <Typography.Text type="secondary">
                      {formatBeijingMinute(e.at, lang)}
                      {e.actorName ? ` · ${e.actorName}` : ''}
                    </Typography.Text>
                  </Flex>
                ),
              }))}
            />
            {canManage && (o.status === 'open' || o.status === 'partly_recovered') && (
              <RecoveryActions id={o.id} outstandingFen={o.outstandingFen} />
            )}
          </Flex>
        )}
      </QueryState>
    </Drawer>
  );
}

function RecoveryActions({ id, outstandingFen }: { id: string; outstandingFen: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const action = useRecoveryAction(id);
  const [form] = Form.useForm<{ amountYuan: number; reason: string }>();
  const [off] = Form.useForm<{ reason: string }>();
  const run = (input: Parameters<typeof action.mutate>[0], reset: () => void) =>
    action.mutate(input, {
      onSuccess: () => {
        void message.success(t('consequences.recovery.done'));
        reset();
      },
      onError: (error) => void message.error(errorText(error).message),
    });
  return (
    <Flex vertical gap={12}>
      <Card size="small" title={t('consequences.recovery.record')}>
        <Form
          form={form}
          layout="vertical"
          initialValues={{ amountYuan: outstandingFen / 100 }}
          onFinish={(v) =>
            run({ action: 'recovered', amountFen: Math.round(v.amountYuan * 100), reason: v.reason }, () =>
              form.resetFields(),
            )
          }
        >
          <Form.Item name="amountYuan" label={t('consequences.recovery.amountYuan')} rules={[{ required: true }]}>
            <InputNumber min={0.01} max={outstandingFen / 100} precision={2} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="reason" label={t('consequences.recovery.actionReason')} rules={[{ required: true, min: 2 }]}>
            <Input maxLength={500} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={action.isPending}>
            {t('consequences.recovery.submit')}
          </Button>
        </Form>
      </Card>
      <Card size="small" title={t('consequences.recovery.writeOff')}>
        <Form
          form={off}
          layout="vertical"
          onFinish={(v) => run({ action: 'write-off', reason: v.reason }, () => off.resetFields())}
        >
          <Form.Item name="reason" label={t('consequences.recovery.actionReason')} rules={[{ required: true, min: 2 }]}>
            <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
          </Form.Item>
          <Button danger htmlType="submit" loading={action.isPending}>
            {t('consequences.recovery.writeOff')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
