import { UnlockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Input, List, Modal, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth';
import { can } from '../../app/sections';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { useIsMobile } from '../../ui/useIsMobile';
import { useLearningSuspensions, useLiftSuspension } from './api';
import type { ClassDetail, LearningSuspension } from './types';

/**
 * 学习暂停: learners whose online learning in the class stopped after too many missed face checks. The class's
 * institution lifts a suspension with a note once it has looked into it; regulators of the region see the list.
 */
export function SuspensionsTab({ detail }: { detail: ClassDetail }) {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const mobile = useIsMobile();
  const list = useLearningSuspensions(detail.id);
  const [lifting, setLifting] = useState<LearningSuspension | null>(null);
  const mayLift = !!me && can(me, 'learning.suspensions.lift') && me.user.institutionId === detail.institutionId;
  const items = list.data ?? [];

  const misses = (s: LearningSuspension) =>
    s.reason.limit
      ? t('classes.suspensions.missesValue', { misses: s.faceMisses, limit: s.reason.limit })
      : t('classes.suspensions.missesOnly', { misses: s.faceMisses });
  const liftButton = (s: LearningSuspension) => (
    <Button size="small" icon={<UnlockOutlined />} onClick={() => setLifting(s)} data-testid="suspension-lift">
      {t('classes.suspensions.lift')}
    </Button>
  );

  const columns: TableProps<LearningSuspension>['columns'] = [
    {
      key: 'name',
      title: t('classes.suspensions.name'),
      render: (_, s) => (
        <Flex vertical>
          <span data-testid="suspension-name">{s.name}</span>
          <Typography.Text type="secondary" className="yx-cl-mono yx-cl-sub">
            {s.idNumberMasked}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'suspendedAt',
      title: t('classes.suspensions.suspendedAt'),
      render: (_, s) => <span className="yx-cl-nowrap">{formatDateTime(s.suspendedAt, i18n.language)}</span>,
    },
    {
      key: 'misses',
      title: t('classes.suspensions.misses'),
      render: (_, s) => (
        <Tag color="red" data-testid="suspension-misses">
          {misses(s)}
        </Tag>
      ),
    },
    ...(mayLift
      ? [{ key: 'actions', title: t('common.actions'), render: (_: unknown, s: LearningSuspension) => liftButton(s) }]
      : []),
  ];

  return (
    <div className="yx-cl-form-cards">
      <Card
        size="small"
        title={t('classes.page.tabSuspensions')}
        extra={
          list.data && (
            <Typography.Text type="secondary" data-testid="suspension-count">
              {t('classes.suspensions.count', { count: items.length })}
            </Typography.Text>
          )
        }
      >
        <Flex vertical gap={8} style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">{t('classes.suspensions.intro')}</Typography.Text>
          {!mayLift && <Alert type="info" showIcon title={t('classes.suspensions.readOnly')} />}
        </Flex>
        <ErrorAlert error={list.error} className="yx-form-alert" />
        {mobile ? (
          <List
            dataSource={items}
            loading={list.isFetching && !list.data}
            locale={{ emptyText: t('classes.suspensions.empty') }}
            split={false}
            renderItem={(s) => (
              <List.Item className="yx-cl-queue-item">
                <Card size="small" className="yx-cl-queue-card" data-testid="suspension-row">
                  <Flex vertical gap={6}>
                    <span>
                      <Typography.Text strong data-testid="suspension-name">
                        {s.name}
                      </Typography.Text>{' '}
                      <Typography.Text type="secondary" className="yx-cl-mono yx-cl-sub">
                        {s.idNumberMasked}
                      </Typography.Text>
                    </span>
                    <Flex justify="space-between" align="center" gap={8} wrap className="yx-cl-sub">
                      <span>
                        {t('classes.suspensions.suspendedAt')} {formatDateTime(s.suspendedAt, i18n.language)}
                      </span>
                      <Tag color="red" data-testid="suspension-misses">
                        {misses(s)}
                      </Tag>
                    </Flex>
                    {mayLift && <div>{liftButton(s)}</div>}
                  </Flex>
                </Card>
              </List.Item>
            )}
          />
        ) : (
          <Table<LearningSuspension>
            rowKey="userId"
            size="small"
            columns={columns}
            dataSource={items}
            loading={list.isFetching && !list.data}
            locale={{ emptyText: t('classes.suspensions.empty') }}
            pagination={items.length > 50 ? { pageSize: 50, size: 'small' } : false}
          />
        )}
      </Card>
      <LiftDialog classId={detail.id} suspension={lifting} onClose={() => setLifting(null)} />
    </div>
  );
}

function LiftDialog({
  classId,
  suspension,
  onClose,
}: {
  classId: string;
  suspension: LearningSuspension | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const lift = useLiftSuspension(classId);
  const [form] = Form.useForm<{ note: string }>();
  const [error, setError] = useState<unknown>(null);

  const onFinish = ({ note }: { note: string }) => {
    if (!suspension) return;
    setError(null);
    lift.mutate(
      { userId: suspension.userId, note: note.trim() },
      {
        onSuccess: () => {
          void message.success(t('classes.suspensions.lifted', { name: suspension.name }));
          onClose();
        },
        onError: setError,
      },
    );
  };

  return (
    <Modal
      open={suspension !== null}
      title={suspension ? t('classes.suspensions.liftTitle', { name: suspension.name }) : undefined}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('classes.suspensions.lift')}
      okButtonProps={{ id: 'suspension-lift-submit' }}
      cancelText={t('common.cancel')}
      confirmLoading={lift.isPending}
      mask={{ closable: false }}
      destroyOnHidden
      afterOpenChange={(open) => {
        if (open) {
          setError(null);
          form.resetFields();
        }
      }}
    >
      <Alert type="info" showIcon className="yx-form-alert" title={t('classes.suspensions.liftBody')} />
      <ErrorAlert error={error} className="yx-form-alert" />
      <Form form={form} name="lift-suspension" layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="note"
          label={t('classes.suspensions.note')}
          rules={[{ required: true, whitespace: true, min: 2, max: 500, message: t('classes.suspensions.noteRule') }]}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder={t('classes.suspensions.notePlaceholder')}
            data-testid="suspension-note"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
