import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  Alert as Notice,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Row,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { QueryState } from '../../ui/QueryState';
import { useAlert, useWorkflow, type WorkflowStep } from './api';
import { factsText, LevelTag, SeverityTag, StatusTag } from './text';
import type { AlertDetail, Evidence } from './types';
import './alerts.css';

function duration(ms: number, t: TFunction): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes >= 60) return t('learning.duration.hm', { h: Math.floor(minutes / 60), m: minutes % 60 });
  if (ms >= 60_000) return t('learning.duration.ms', { m: minutes, s: 0 });
  return t('learning.duration.s', { s: Math.round(ms / 1000) });
}

/** One piece of evidence in words: which record of the chain, which session, which face check. */
function EvidenceWhat({ e }: { e: Evidence }) {
  const { t } = useTranslation();
  if (e.record) {
    const kind =
      e.record.kind === 'credit_revoked'
        ? t('alerts.record.credit_revoked')
        : t(`learning.records.kind.${e.record.kind}`, { defaultValue: e.record.kind });
    const data = e.record.data as { ip?: string; deviceId?: string; reason?: string; positionMs?: number };
    return (
      <Flex vertical gap={0}>
        <span>
          {kind} · {t('alerts.record.chain', { seq: e.record.chainSeq })}
          {data.reason ? ` · ${t(`learning.reason.${data.reason}`, { defaultValue: data.reason })}` : ''}
        </span>
        <Typography.Text type="secondary" className="yx-mono yx-al-small" copyable={{ text: e.record.hash }}>
          {e.record.hash.slice(0, 16)}…
        </Typography.Text>
      </Flex>
    );
  }
  if (e.session) {
    return (
      <Flex vertical gap={0}>
        <span>
          {t('alerts.record.session', {
            lesson: e.session.lessonTitle,
            ip: e.session.ip,
            device: e.session.deviceId.slice(0, 8),
          })}
        </span>
        <Typography.Text
          type="secondary"
          className="yx-al-small"
          ellipsis={{ tooltip: e.session.userAgent }}
          style={{ maxWidth: 420 }}
        >
          {e.session.userAgent}
        </Typography.Text>
      </Flex>
    );
  }
  if (e.faceCheck) {
    return (
      <span>
        {t('alerts.record.face', {
          result: t(`alerts.record.faceResult.${e.faceCheck.result}`, { defaultValue: e.faceCheck.result }),
          distance: e.faceCheck.distance?.toFixed(3) ?? '—',
          threshold: e.faceCheck.threshold,
        })}
      </span>
    );
  }
  if (e.faceAlert) return <span>{t('alerts.record.faceAlert', { distance: e.faceAlert.distance.toFixed(3) })}</span>;
  if (e.alert) {
    return (
      <Link to={`/alerts/${e.id}`}>
        {t('alerts.record.linked', { kind: t(`alerts.kind.${e.alert.kind}`), learner: e.alert.learner ?? '—' })}
      </Link>
    );
  }
  return <span>{e.note ?? '—'}</span>;
}

type Dialog =
  | { step: 'review' }
  | { step: 'propose'; decision: 'confirm' | 'dismiss' }
  | { step: 'decide'; decision: 'confirm' | 'dismiss' };

function Workflow({ detail }: { detail: AlertDetail }) {
  const { t, i18n } = useTranslation();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [form] = Form.useForm<{ reason: string; revoke: 'evidence' | 'class' | 'none' }>();
  const workflow = useWorkflow(detail.alert.id);
  const { alert, actions } = detail;
  const title = dialog
    ? dialog.step === 'review'
      ? t('alerts.actions.review')
      : dialog.step === 'propose'
        ? t(dialog.decision === 'confirm' ? 'alerts.actions.proposeConfirm' : 'alerts.actions.proposeDismiss')
        : t(dialog.decision === 'confirm' ? 'alerts.actions.confirm' : 'alerts.actions.dismiss')
    : '';
  const submit = async () => {
    const values = await form.validateFields();
    const step: WorkflowStep =
      dialog!.step === 'review'
        ? { step: 'review', reason: values.reason }
        : dialog!.step === 'propose'
          ? {
              step: 'propose',
              decision: (dialog as { decision: 'confirm' | 'dismiss' }).decision,
              reason: values.reason,
            }
          : {
              step: 'decide',
              decision: (dialog as { decision: 'confirm' | 'dismiss' }).decision,
              reason: values.reason,
              ...((dialog as { decision: string }).decision === 'confirm' ? { revoke: values.revoke } : {}),
            };
    await workflow.mutateAsync(step);
    setDialog(null);
    form.resetFields();
  };
  const learnerCase = alert.subject.type === 'learner';
  return (
    <Card title={t('alerts.detail.handling')} size="small">
      <Flex vertical gap={12}>
        <Flex gap={8} align="center">
          <StatusTag status={alert.status} />
          {detail.subsidyHold && (
            <Tag color={detail.subsidyHold.status === 'held' ? 'red' : 'default'}>
              {t(detail.subsidyHold.status === 'held' ? 'alerts.detail.subsidyHeld' : 'alerts.detail.subsidyReleased')}
            </Tag>
          )}
        </Flex>
        {alert.proposal && (
          <Notice
            type="info"
            showIcon
            message={t('alerts.detail.proposal', { decision: t(`alerts.decision.${alert.proposal.decision}`) })}
            description={
              <>
                {alert.proposal.reason}
                <br />
                <Typography.Text type="secondary" className="yx-al-small">
                  {alert.proposal.by} · {formatDateTime(alert.proposal.at, i18n.language)}
                </Typography.Text>
              </>
            }
          />
        )}
        {alert.decision && (
          <Notice
            type={alert.status === 'confirmed' ? 'error' : 'success'}
            showIcon
            message={t(`alerts.status.${alert.status}`)}
            description={
              <>
                {alert.decision.reason}
                {alert.revokedMs > 0 && (
                  <>
                    <br />
                    {t('alerts.detail.revoked', { duration: duration(alert.revokedMs, t) })}
                  </>
                )}
                <br />
                <Typography.Text type="secondary" className="yx-al-small">
                  {alert.decision.by} · {formatDateTime(alert.decision.at, i18n.language)}
                </Typography.Text>
              </>
            }
          />
        )}
        <Space wrap>
          {actions.review && (
            <Button onClick={() => setDialog({ step: 'review' })} data-testid="action-review">
              {t('alerts.actions.review')}
            </Button>
          )}
          {actions.propose && (
            <Button
              onClick={() => setDialog({ step: 'propose', decision: 'confirm' })}
              data-testid="action-propose-confirm"
            >
              {t('alerts.actions.proposeConfirm')}
            </Button>
          )}
          {actions.propose && (
            <Button onClick={() => setDialog({ step: 'propose', decision: 'dismiss' })}>
              {t('alerts.actions.proposeDismiss')}
            </Button>
          )}
          {actions.decide && (
            <Button
              type="primary"
              danger
              onClick={() => setDialog({ step: 'decide', decision: 'confirm' })}
              data-testid="action-confirm"
            >
              {t('alerts.actions.confirm')}
            </Button>
          )}
          {actions.decide && (
            <Button onClick={() => setDialog({ step: 'decide', decision: 'dismiss' })} data-testid="action-dismiss">
              {t('alerts.actions.dismiss')}
            </Button>
          )}
        </Space>
        {(actions.review || actions.propose || actions.decide) && (
          <Typography.Text type="secondary" className="yx-al-small">
            {t('alerts.actions.who')}
          </Typography.Text>
        )}
      </Flex>
      <Modal
        open={!!dialog}
        title={title}
        onCancel={() => setDialog(null)}
        onOk={submit}
        okText={t('alerts.actions.submit')}
        okButtonProps={{ 'data-testid': 'workflow-submit' }}
        confirmLoading={workflow.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ revoke: 'evidence' }}>
          <Form.Item
            name="reason"
            label={t('alerts.actions.reason')}
            rules={[{ required: true, whitespace: true, min: 2, message: t('alerts.actions.reasonRequired') }]}
          >
            <Input.TextArea
              rows={4}
              maxLength={1000}
              showCount
              placeholder={t('alerts.actions.reasonPlaceholder')}
              data-testid="reason"
            />
          </Form.Item>
          {dialog?.step === 'decide' && dialog.decision === 'confirm' && learnerCase && (
            <>
              <Form.Item name="revoke" label={t('alerts.actions.revoke')}>
                <Radio.Group>
                  <Space direction="vertical">
                    <Radio value="evidence">{t('alerts.actions.revokeEvidence')}</Radio>
                    <Radio value="class">{t('alerts.actions.revokeClass')}</Radio>
                    <Radio value="none">{t('alerts.actions.revokeNone')}</Radio>
                  </Space>
                </Radio.Group>
              </Form.Item>
              <Typography.Paragraph type="secondary" className="yx-al-small">
                {t('alerts.actions.confirmNote')}
              </Typography.Paragraph>
            </>
          )}
          <ErrorAlert error={workflow.error} />
        </Form>
      </Modal>
    </Card>
  );
}

export function AlertDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const query = useAlert(id);
  const detail = query.data;

  const evidenceColumns: TableProps<Evidence>['columns'] = [
    {
      key: 'at',
      title: t('alerts.detail.time'),
      render: (_, e) => <span className="yx-al-nowrap">{formatDateTime(e.at, i18n.language)}</span>,
    },
    { key: 'type', title: t('alerts.detail.type'), render: (_, e) => <Tag>{t(`alerts.evidenceType.${e.type}`)}</Tag> },
    { key: 'what', title: t('alerts.detail.what'), render: (_, e) => <EvidenceWhat e={e} /> },
  ];

  return (
    <QueryState loading={query.isLoading} error={query.error} onRetry={() => void query.refetch()}>
      {detail && (
        <>
          <Link to="/alerts" className="yx-al-back">
            <ArrowLeftOutlined /> {t('alerts.detail.back')}
          </Link>
          <PageHeader
            title={
              <Flex gap={8} align="center" wrap>
                {t(`alerts.kind.${detail.alert.kind}`)} <SeverityTag severity={detail.alert.severity} />
              </Flex>
            }
            extra={<StatusTag status={detail.alert.status} />}
          />
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={16}>
              <Flex vertical gap={16}>
                <Card title={t('alerts.detail.facts')} size="small">
                  <Typography.Paragraph strong data-testid="facts">
                    {factsText(detail.alert, t)}
                  </Typography.Paragraph>
                  <Descriptions
                    size="small"
                    column={{ xs: 1, sm: 2 }}
                    items={[
                      {
                        key: 'subject',
                        label: t('alerts.detail.subject'),
                        children: (
                          <>
                            {detail.alert.subject.name ?? '—'}{' '}
                            <Tag>{t(`alerts.subject.${detail.alert.subject.type}`)}</Tag>
                          </>
                        ),
                      },
                      { key: 'class', label: t('alerts.detail.class'), children: detail.alert.class?.name ?? '—' },
                      {
                        key: 'institution',
                        label: t('alerts.detail.institution'),
                        children: detail.alert.institution?.name ?? '—',
                      },
                      {
                        key: 'window',
                        label: t('alerts.detail.window'),
                        children: `${formatDateTime(detail.alert.windowStart, i18n.language)} – ${formatDateTime(detail.alert.windowEnd, i18n.language)}`,
                      },
                      {
                        key: 'first',
                        label: t('alerts.detail.firstSeen'),
                        children: formatDateTime(detail.alert.firstSeenAt, i18n.language),
                      },
                      {
                        key: 'last',
                        label: t('alerts.detail.lastSeen'),
                        children: `${formatDateTime(detail.alert.lastSeenAt, i18n.language)} · ${t('alerts.detail.detections')} ${detail.alert.detections}`,
                      },
                    ]}
                  />
                </Card>
                <Card
                  title={t('alerts.detail.evidence')}
                  size="small"
                  extra={
                    <Typography.Text type="secondary" className="yx-al-small">
                      {t('alerts.detail.sessions', { count: detail.alert.sessionCount })}
                    </Typography.Text>
                  }
                >
                  <Typography.Paragraph type="secondary" className="yx-al-small">
                    {t('alerts.detail.evidenceNote')}
                  </Typography.Paragraph>
                  <Table<Evidence>
                    rowKey={(e) => `${e.type}:${e.id}`}
                    size="small"
                    columns={evidenceColumns}
                    dataSource={detail.evidence}
                    pagination={{ pageSize: 10, hideOnSinglePage: true }}
                    scroll={{ x: 'max-content' }}
                    data-testid="evidence"
                  />
                </Card>
                {detail.sessions.length > 0 && (
                  <Card title={t('alerts.detail.doubted')} size="small">
                    <Typography.Paragraph type="secondary" className="yx-al-small">
                      {t('alerts.detail.doubtedNote')}
                    </Typography.Paragraph>
                    <Table
                      rowKey="id"
                      size="small"
                      pagination={{ pageSize: 8, hideOnSinglePage: true }}
                      scroll={{ x: 'max-content' }}
                      dataSource={detail.sessions}
                      columns={[
                        {
                          key: 'at',
                          title: t('alerts.detail.time'),
                          render: (_, s) => formatDateTime(s.startedAt, i18n.language),
                        },
                        { key: 'lesson', title: t('alerts.detail.lesson'), dataIndex: 'lessonTitle' },
                        { key: 'ip', title: 'IP', dataIndex: 'ip' },
                        {
                          key: 'credited',
                          title: t('alerts.detail.credited'),
                          align: 'right',
                          render: (_, s) => duration(s.creditedMs, t),
                        },
                      ]}
                    />
                  </Card>
                )}
                <Card title={t('alerts.detail.history')} size="small">
                  <Timeline
                    items={detail.events.map((e) => ({
                      color:
                        e.action === 'confirmed'
                          ? 'red'
                          : e.action === 'dismissed'
                            ? 'green'
                            : e.action === 'raised' || e.action === 'escalated'
                              ? 'orange'
                              : 'blue',
                      children: (
                        <Flex vertical gap={0}>
                          <span>
                            <strong>{t(`alerts.event.${e.action}`, { defaultValue: e.action })}</strong>
                            {e.actor ? ` · ${e.actor.name}` : ''}
                          </span>
                          {e.reason && <span>{e.reason}</span>}
                          <Typography.Text type="secondary" className="yx-al-small">
                            {formatDateTime(e.at, i18n.language)}
                          </Typography.Text>
                        </Flex>
                      ),
                    }))}
                  />
                </Card>
              </Flex>
            </Col>
            <Col xs={24} lg={8}>
              <Flex vertical gap={16}>
                <Workflow detail={detail} />
                {detail.risk && (
                  <Card title={t('alerts.detail.risk')} size="small" extra={<LevelTag level={detail.risk.level} />}>
                    <Typography.Title level={4} style={{ marginTop: 0 }}>
                      {t('alerts.detail.riskScore', { score: detail.risk.score })}
                    </Typography.Title>
                    <Flex vertical gap={4}>
                      {detail.risk.contributions.map((c) => (
                        <Flex key={c.alertId} justify="space-between" gap={8}>
                          <Link to={`/alerts/${c.alertId}`}>{t(`alerts.kind.${c.kind}`)}</Link>
                          <Typography.Text type="secondary">
                            {t(`alerts.status.${c.status}`)} · {t('alerts.detail.points', { points: c.points })}
                          </Typography.Text>
                        </Flex>
                      ))}
                    </Flex>
                  </Card>
                )}
              </Flex>
            </Col>
          </Row>
        </>
      )}
    </QueryState>
  );
}
