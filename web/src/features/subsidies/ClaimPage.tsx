import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Flex, Space, Typography } from 'antd';
import { useState, type Key } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useMe } from '../../api/auth';
import { can } from '../../app/sections';
import { Deadline } from '../../ui/DeadlineQueue';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatBeijingMinute } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { QueryState } from '../../ui/QueryState';
import { useIsMobile } from '../../ui/useIsMobile';
import { useApproveLines, useClaim, useRejectLine, useResubmitClaim, useReturnClaim } from './api';
import { LearnerLines } from './LearnerLines';
import { ClaimStatusTag, LineStatusTag, Money } from './parts';
import { ReasonDialog } from './ReasonDialog';
import type { ClaimDetail, ClaimLine } from './types';
import './subsidies.css';

/**
 * A claim with every learner's line: the regulator approves lines (selected, or all pending), rejects one with a
 * reason or returns the claim; the institution resubmits a returned claim; everyone sees the state of each line.
 */
export function ClaimPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const claim = useClaim(id);
  return (
    <>
      <Link to="/subsidies" className="yx-sb-back">
        <ArrowLeftOutlined /> {t('subsidies.detail.back')}
      </Link>
      <QueryState
        loading={claim.isLoading}
        error={claim.data ? null : claim.error}
        onRetry={() => void claim.refetch()}
      >
        {claim.data && <ClaimView claim={claim.data} />}
      </QueryState>
    </>
  );
}

function ClaimView({ claim }: { claim: ClaimDetail }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const mobile = useIsMobile();
  const me = useMe().data;
  const reviewer = !!me && can(me, 'subsidies.review') && claim.status === 'submitted';
  const claimant = !!me && can(me, 'subsidies.claim');
  const approve = useApproveLines(claim.id);
  const reject = useRejectLine(claim.id);
  const giveBack = useReturnClaim(claim.id);
  const resubmit = useResubmitClaim(claim.id);
  const [selected, setSelected] = useState<Key[]>([]);
  const [rejecting, setRejecting] = useState<ClaimLine | null>(null);
  const [returning, setReturning] = useState(false);
  const time = (value: string | null) => formatBeijingMinute(value, i18n.language);
  const pending = claim.lines.filter((l) => l.status === 'pending');
  // A line rejected after it was ticked is no longer approvable.
  const chosen = selected.map(String).filter((key) => pending.some((l) => l.id === key));
  const refs = claim.policyRefs;
  const applied = refs.applied.map((r) => ` · ${r.scope} v${r.version}`).join('');

  const onApprove = (lineIds: string[] | undefined) =>
    approve.mutate(lineIds, {
      onSuccess: () => {
        void message.success(t('subsidies.detail.approved', { count: lineIds?.length ?? pending.length }));
        setSelected([]);
      },
    });

  const lineState = (line: ClaimLine) => (
    <Flex vertical gap={4} align="start">
      <LineStatusTag status={line.status} />
      {line.reason && (
        <Typography.Text type="danger" className="yx-sb-sub" data-testid="line-reason">
          {line.reason}
        </Typography.Text>
      )}
      {line.status === 'paid' && (
        <Typography.Text type="secondary" className="yx-sb-sub">
          {t('subsidies.detail.paidWith', { date: time(line.paidAt), voucher: line.voucherNo })}
        </Typography.Text>
      )}
      {line.status === 'approved' && line.batchId && (
        <Typography.Text type="secondary" className="yx-sb-sub">
          {t('subsidies.detail.inBatch')}
        </Typography.Text>
      )}
    </Flex>
  );

  return (
    <div className="yx-sb-stack">
      <PageHeader
        title={
          <Space wrap size={8}>
            <span>{claim.className}</span>
            <ClaimStatusTag status={claim.status} />
          </Space>
        }
      />
      {claim.status === 'returned' && (
        <Alert
          type="warning"
          showIcon
          title={t('subsidies.detail.returned', { reason: claim.returnReason ?? '' })}
          data-testid="return-reason"
          description={
            claimant && (
              // Under the reason, not beside it: on a phone a button beside the text squeezes it into a column.
              <Flex vertical gap={8} align="start">
                <span>{t('subsidies.detail.returnedHint')}</span>
                <Button
                  type="primary"
                  loading={resubmit.isPending}
                  onClick={() =>
                    resubmit.mutate(undefined, {
                      onSuccess: () => void message.success(t('subsidies.detail.resubmitted')),
                    })
                  }
                  data-testid="claim-resubmit"
                >
                  {t('subsidies.detail.resubmit')}
                </Button>
              </Flex>
            )
          }
        />
      )}
      <Card>
        <Descriptions column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }} size="small">
          <Descriptions.Item label={t('subsidies.fields.institution')}>{claim.institutionName}</Descriptions.Item>
          <Descriptions.Item label={t('subsidies.fields.occupation')}>
            {t('subsidies.fields.levelN', { code: claim.occupationCode, level: claim.level })}
          </Descriptions.Item>
          <Descriptions.Item label={t('subsidies.fields.year')}>{claim.year}</Descriptions.Item>
          <Descriptions.Item label={t('subsidies.fields.total')}>
            <span data-testid="claim-total">
              <Money fen={claim.totalFen} strong />
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('subsidies.fields.lines')}>
            {t('subsidies.fields.linesValue', { count: claim.lineCount, pending: claim.pendingCount })}
          </Descriptions.Item>
          <Descriptions.Item label={t('subsidies.fields.submittedAt')}>{time(claim.submittedAt)}</Descriptions.Item>
          {claim.status === 'submitted' && (
            <Descriptions.Item label={t('subsidies.fields.deadline')}>
              <Deadline item={claim} />
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('subsidies.fields.policy')}>
            {t('subsidies.fields.policyRefs', { national: refs.national.version, applied })}
          </Descriptions.Item>
          {claim.enterpriseCostFen !== null && (
            <Descriptions.Item label={t('subsidies.fields.costShort')}>
              <Money fen={claim.enterpriseCostFen} />
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card>
        {reviewer && (
          <Flex gap={8} wrap className="yx-sb-toolbar" data-testid="review-actions">
            {!mobile && (
              <Button
                type="primary"
                disabled={chosen.length === 0}
                loading={approve.isPending && chosen.length > 0}
                onClick={() => onApprove(chosen)}
                data-testid="approve-selected"
              >
                {t('subsidies.detail.approveSelected', { count: chosen.length })}
              </Button>
            )}
            <Button
              type={mobile ? 'primary' : 'default'}
              disabled={pending.length === 0}
              loading={approve.isPending && chosen.length === 0}
              onClick={() => onApprove(undefined)}
              data-testid="approve-all"
            >
              {t('subsidies.detail.approveAll')}
            </Button>
            <Button danger onClick={() => setReturning(true)} data-testid="return-claim">
              {t('subsidies.detail.returnClaim')}
            </Button>
          </Flex>
        )}
        <ErrorAlert error={approve.error} className="yx-form-alert" />
        <LearnerLines<ClaimLine>
          lines={claim.lines}
          rowKey={(l) => l.id}
          testId="claim-line"
          rowSelection={
            reviewer
              ? {
                  selectedRowKeys: selected,
                  onChange: setSelected,
                  getCheckboxProps: (line) => ({ disabled: line.status !== 'pending' }),
                }
              : undefined
          }
          extra={[
            { key: 'status', title: t('subsidies.fields.status'), render: lineState },
            ...(reviewer
              ? [
                  {
                    key: 'actions',
                    title: t('common.actions'),
                    render: (line: ClaimLine) =>
                      line.status === 'pending' && (
                        <Button size="small" danger onClick={() => setRejecting(line)} data-testid="reject-line">
                          {t('subsidies.detail.reject')}
                        </Button>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <ReasonDialog
        open={rejecting !== null}
        title={t('subsidies.detail.rejectTitle', { name: rejecting?.name ?? '' })}
        body={t('subsidies.detail.rejectBody')}
        okText={t('subsidies.detail.reject')}
        danger
        pending={reject.isPending}
        onSubmit={(reason) =>
          reject
            .mutateAsync({ lineId: rejecting!.id, reason })
            .then(() => void message.success(t('subsidies.detail.rejected')))
        }
        onClose={() => setRejecting(null)}
      />
      <ReasonDialog
        open={returning}
        title={t('subsidies.detail.returnTitle')}
        body={t('subsidies.detail.returnBody')}
        okText={t('subsidies.detail.returnClaim')}
        danger
        pending={giveBack.isPending}
        onSubmit={(reason) =>
          giveBack.mutateAsync(reason).then(() => void message.success(t('subsidies.detail.returnedDone')))
        }
        onClose={() => setReturning(false)}
      />
    </div>
  );
}
