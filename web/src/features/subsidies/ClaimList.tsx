import { Card, Flex, List, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { Deadline, DeadlineQueue } from '../../ui/DeadlineQueue';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatBeijingMinute } from '../../ui/format';
import { useIsMobile } from '../../ui/useIsMobile';
import { useClaims } from './api';
import { ClaimStatusTag, Money } from './parts';
import type { ClaimSummary } from './types';

export const claimPath = (id: string) => `/subsidies/claims/${id}`;

function ClassLink({ claim }: { claim: ClaimSummary }) {
  return (
    <Link to={claimPath(claim.id)} onClick={(event) => event.stopPropagation()} data-testid="claim-link">
      {claim.className}
    </Link>
  );
}

function useOccupation() {
  const { t } = useTranslation();
  return (claim: ClaimSummary) => t('subsidies.fields.levelN', { code: claim.occupationCode, level: claim.level });
}

/** The regulator's queue: submitted claims of the region subtree, earliest deadline first, overdue in red. */
export function ClaimQueue() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queue = useClaims({ status: 'submitted' });
  const occupation = useOccupation();
  return (
    <DeadlineQueue<ClaimSummary>
      items={queue.data}
      fetching={queue.isFetching}
      error={queue.error}
      intro={t('subsidies.introRegulator')}
      count={(count, overdue) => t('subsidies.queue.count', { count, overdue })}
      empty={t('subsidies.queue.empty')}
      deadlineTitle={t('subsidies.queue.deadline')}
      submitted={(time) => t('subsidies.queue.submittedAt', { time })}
      columns={[
        { key: 'class', title: t('subsidies.fields.className'), render: (c) => <ClassLink claim={c} /> },
        { key: 'institution', title: t('subsidies.fields.institution'), render: (c) => c.institutionName },
        { key: 'occupation', title: t('subsidies.fields.occupation'), render: occupation },
        {
          key: 'lines',
          title: t('subsidies.fields.lines'),
          render: (c) => t('subsidies.fields.linesValue', { count: c.lineCount, pending: c.pendingCount }),
        },
        { key: 'total', title: t('subsidies.fields.total'), align: 'right', render: (c) => <Money fen={c.totalFen} /> },
      ]}
      card={(c) => (
        <>
          <ClassLink claim={c} />
          <Typography.Text type="secondary">{c.institutionName}</Typography.Text>
          <Flex justify="space-between" gap={8} wrap>
            <Typography.Text type="secondary">
              {t('subsidies.fields.linesValue', { count: c.lineCount, pending: c.pendingCount })}
            </Typography.Text>
            <Money fen={c.totalFen} strong />
          </Flex>
        </>
      )}
      onOpen={(c) => navigate(claimPath(c.id))}
      testIds={{ row: 'claim-queue-row', count: 'claim-queue-count' }}
    />
  );
}

/** Every claim in scope with its state (an institution's own; a regulator's region; the operator's all). */
export function ClaimTable({ showInstitution }: { showInstitution: boolean }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const mobile = useIsMobile();
  const claims = useClaims();
  const occupation = useOccupation();
  const items = claims.data ?? [];
  const loading = claims.isFetching && !claims.data;
  const submitted = (c: ClaimSummary) => formatBeijingMinute(c.submittedAt, i18n.language);

  const columns: TableProps<ClaimSummary>['columns'] = [
    { key: 'class', title: t('subsidies.fields.className'), render: (_, c) => <ClassLink claim={c} /> },
    ...(showInstitution
      ? [
          {
            key: 'institution',
            title: t('subsidies.fields.institution'),
            render: (_: unknown, c: ClaimSummary) => c.institutionName,
          },
        ]
      : []),
    { key: 'occupation', title: t('subsidies.fields.occupation'), render: (_, c) => occupation(c) },
    { key: 'status', title: t('subsidies.fields.status'), render: (_, c) => <ClaimStatusTag status={c.status} /> },
    {
      key: 'lines',
      title: t('subsidies.fields.lines'),
      render: (_, c) => t('subsidies.fields.linesValue', { count: c.lineCount, pending: c.pendingCount }),
    },
    { key: 'total', title: t('subsidies.fields.total'), align: 'right', render: (_, c) => <Money fen={c.totalFen} /> },
    {
      key: 'deadline',
      title: t('subsidies.fields.deadline'),
      render: (_, c) => (c.status === 'submitted' ? <Deadline item={c} /> : '—'),
    },
    {
      key: 'submitted',
      title: t('subsidies.fields.submittedAt'),
      render: (_, c) => <span className="yx-sb-nowrap">{submitted(c)}</span>,
    },
  ];

  return (
    <Card>
      <ErrorAlert error={claims.error} className="yx-form-alert" />
      {mobile ? (
        <List
          className="yx-sb-card-list"
          dataSource={items}
          loading={loading}
          locale={{ emptyText: t('subsidies.claimsEmpty') }}
          split={false}
          renderItem={(c) => (
            <List.Item>
              <Card size="small" hoverable onClick={() => navigate(claimPath(c.id))} data-testid="claim-row">
                <Flex vertical gap={6}>
                  <Flex justify="space-between" gap={8} align="start">
                    <ClassLink claim={c} />
                    <ClaimStatusTag status={c.status} />
                  </Flex>
                  {showInstitution && <Typography.Text type="secondary">{c.institutionName}</Typography.Text>}
                  <Flex justify="space-between" gap={8} wrap>
                    <Typography.Text type="secondary">
                      {t('subsidies.fields.linesValue', { count: c.lineCount, pending: c.pendingCount })}
                    </Typography.Text>
                    <Money fen={c.totalFen} strong />
                  </Flex>
                  <Typography.Text type="secondary" className="yx-sb-sub">
                    {t('subsidies.queue.submittedAt', { time: submitted(c) })}
                  </Typography.Text>
                </Flex>
              </Card>
            </List.Item>
          )}
        />
      ) : (
        <Table<ClaimSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={loading}
          scroll={{ x: 'max-content' }}
          rowClassName={() => 'yx-dq-row'}
          onRow={(c) =>
            ({ onClick: () => navigate(claimPath(c.id)), 'data-testid': 'claim-row' }) as HTMLAttributes<HTMLElement>
          }
          locale={{ emptyText: claims.isFetching ? t('common.loading') : t('subsidies.claimsEmpty') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
        />
      )}
    </Card>
  );
}
