import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, List, Modal, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatBeijingMinute } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useIsMobile } from '../../ui/useIsMobile';
import { batchExportUrl, useBatches, useCreateBatch, useMarkPaid } from './api';
import { Money, useYuan } from './parts';
import type { PaymentBatch } from './types';
import './subsidies.css';

/** A batch is named by the tail of its id (UUIDv7: the head is its time, already shown beside it). */
const batchNo = (batch: PaymentBatch) => batch.id.slice(-8).toUpperCase();

/** 补贴发放: form a batch of the approved lines, export it for the finance system, mark it paid with the voucher. */
export function BatchesPage() {
  const { t, i18n } = useTranslation();
  const { modal, message } = App.useApp();
  const mobile = useIsMobile();
  const yuan = useYuan();
  const batches = useBatches();
  const create = useCreateBatch();
  const [paying, setPaying] = useState<PaymentBatch | null>(null);
  const time = (value: string | null) => formatBeijingMinute(value, i18n.language);
  const items = batches.data ?? [];

  const onCreate = () =>
    modal.confirm({
      title: t('subsidies.batches.createConfirm'),
      okText: t('subsidies.batches.create'),
      cancelText: t('common.cancel'),
      okButtonProps: { id: 'batch-create-confirm' },
      onOk: () =>
        create
          .mutateAsync()
          .then(({ batch }) =>
            message.success(t('subsidies.batches.created', { count: batch.lineCount, total: yuan(batch.totalFen) })),
          )
          .catch(() => undefined),
    });

  const status = (batch: PaymentBatch) => (
    <Tag
      color={batch.status === 'paid' ? 'success' : 'processing'}
      data-testid="batch-status"
      data-status={batch.status}
    >
      {t(`subsidies.batches.status.${batch.status}`)}
    </Tag>
  );
  const actions = (batch: PaymentBatch) => (
    <Flex gap={8} wrap>
      <Button size="small" icon={<DownloadOutlined />} href={batchExportUrl(batch.id)} data-testid="batch-export">
        {t('subsidies.batches.export')}
      </Button>
      {batch.status === 'open' && (
        <Button size="small" type="primary" onClick={() => setPaying(batch)} data-testid="batch-mark-paid">
          {t('subsidies.batches.markPaid')}
        </Button>
      )}
    </Flex>
  );
  const paidLine = (batch: PaymentBatch) =>
    batch.voucherNo && (
      <Typography.Text type="secondary" className="yx-sb-sub">
        {t('subsidies.detail.paidWith', { date: time(batch.paidAt), voucher: batch.voucherNo })}
      </Typography.Text>
    );

  const columns: TableProps<PaymentBatch>['columns'] = [
    {
      key: 'no',
      title: t('subsidies.batches.batchNo'),
      render: (_, b) => <Typography.Text className="yx-mono">{batchNo(b)}</Typography.Text>,
    },
    {
      key: 'created',
      title: t('subsidies.batches.createdAt'),
      render: (_, b) => <span className="yx-sb-nowrap">{time(b.createdAt)}</span>,
    },
    { key: 'lines', title: t('subsidies.batches.lines'), align: 'right', render: (_, b) => b.lineCount },
    { key: 'total', title: t('subsidies.batches.total'), align: 'right', render: (_, b) => <Money fen={b.totalFen} /> },
    {
      key: 'status',
      title: t('subsidies.fields.status'),
      render: (_, b) => (
        <Flex vertical gap={2} align="start">
          {status(b)}
          {paidLine(b)}
        </Flex>
      ),
    },
    { key: 'actions', title: t('common.actions'), render: (_, b) => actions(b) },
  ];

  return (
    <>
      <PageHeader
        title={t('subsidies.batches.title')}
        extra={
          <Button type="primary" onClick={onCreate} loading={create.isPending} data-testid="batch-create">
            {t('subsidies.batches.create')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">{t('subsidies.batches.intro')}</Typography.Paragraph>
      <Card>
        <ErrorAlert error={create.error ?? batches.error} className="yx-form-alert" />
        {mobile ? (
          <List
            className="yx-sb-card-list"
            dataSource={items}
            loading={batches.isFetching && !batches.data}
            locale={{ emptyText: t('subsidies.batches.empty') }}
            split={false}
            renderItem={(b) => (
              <List.Item>
                <Card size="small" data-testid="batch-row">
                  <Flex vertical gap={6}>
                    <Flex justify="space-between" gap={8}>
                      <Typography.Text strong className="yx-mono">
                        {batchNo(b)}
                      </Typography.Text>
                      {status(b)}
                    </Flex>
                    <Flex justify="space-between" gap={8} wrap>
                      <Typography.Text type="secondary">
                        {time(b.createdAt)} · {t('subsidies.classes.learners', { count: b.lineCount })}
                      </Typography.Text>
                      <Money fen={b.totalFen} strong />
                    </Flex>
                    {paidLine(b)}
                    {actions(b)}
                  </Flex>
                </Card>
              </List.Item>
            )}
          />
        ) : (
          <Table<PaymentBatch>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={items}
            loading={batches.isFetching && !batches.data}
            scroll={{ x: 'max-content' }}
            onRow={() => ({ 'data-testid': 'batch-row' }) as HTMLAttributes<HTMLElement>}
            locale={{ emptyText: t('subsidies.batches.empty') }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
          />
        )}
      </Card>
      <PaidDialog batch={paying} onClose={() => setPaying(null)} />
    </>
  );
}

function PaidDialog({ batch, onClose }: { batch: PaymentBatch | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const yuan = useYuan();
  const markPaid = useMarkPaid();
  const [form] = Form.useForm<{ voucherNo: string }>();
  const [error, setError] = useState<unknown>(null);
  const close = () => {
    form.resetFields();
    setError(null);
    onClose();
  };
  const onFinish = ({ voucherNo }: { voucherNo: string }) => {
    if (!batch) return;
    setError(null);
    markPaid.mutate(
      { id: batch.id, voucherNo: voucherNo.trim() },
      {
        onSuccess: () => {
          void message.success(t('subsidies.batches.paid'));
          close();
        },
        onError: (cause) => {
          if (isApiError(cause, 'VALIDATION_FAILED'))
            form.setFields([{ name: 'voucherNo', errors: [cause.localized(i18n.language)] }]);
          else setError(cause);
        },
      },
    );
  };
  return (
    <Modal
      open={batch !== null}
      title={t('subsidies.batches.paidTitle')}
      onCancel={close}
      onOk={() => form.submit()}
      okText={t('subsidies.batches.markPaid')}
      okButtonProps={{ id: 'paid-submit' }}
      cancelText={t('common.cancel')}
      confirmLoading={markPaid.isPending}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {batch && (
        <Typography.Paragraph type="secondary">
          {t('subsidies.batches.paidBody', { count: batch.lineCount, total: yuan(batch.totalFen) })}
        </Typography.Paragraph>
      )}
      <ErrorAlert error={error} className="yx-form-alert" />
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item
          name="voucherNo"
          label={t('subsidies.batches.voucher')}
          rules={[{ required: true, whitespace: true, message: t('subsidies.batches.voucherRequired') }]}
        >
          <Input maxLength={64} data-testid="voucher-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
