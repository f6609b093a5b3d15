import { Card, Col, Empty, Flex, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatBeijingMinute } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { QueryState } from '../../ui/QueryState';
import { useMySubsidies } from './api';
import { ExplanationList, LineStatusTag, Money, useYuan } from './parts';
import type { MySubsidy } from './types';
import './subsidies.css';

/** 我的补贴: every claim line about the learner, its status and how its amount was computed. */
export function MySubsidiesPage() {
  const { t } = useTranslation();
  const mine = useMySubsidies();
  return (
    <>
      <PageHeader title={t('subsidies.mine.title')} />
      <Typography.Paragraph type="secondary">{t('subsidies.mine.intro')}</Typography.Paragraph>
      <QueryState loading={mine.isLoading} error={mine.error} onRetry={() => void mine.refetch()}>
        {mine.data?.length === 0 ? (
          <Card>
            <Empty description={t('subsidies.mine.empty')} />
          </Card>
        ) : (
          <Row gutter={[16, 16]}>
            {mine.data?.map((item) => (
              <Col key={item.id} xs={24} lg={12}>
                <SubsidyCard item={item} />
              </Col>
            ))}
          </Row>
        )}
      </QueryState>
    </>
  );
}

function SubsidyCard({ item }: { item: MySubsidy }) {
  const { t, i18n } = useTranslation();
  const yuan = useYuan();
  const time = (value: string | null) => formatBeijingMinute(value, i18n.language);
  return (
    <Card data-testid="my-subsidy" data-status={item.status}>
      <Flex vertical gap={10}>
        <Flex justify="space-between" gap={8} align="start">
          <Flex vertical style={{ minWidth: 0 }}>
            <Typography.Text strong>{item.className}</Typography.Text>
            <Typography.Text type="secondary" className="yx-sb-sub">
              {item.institutionName} ·{' '}
              <span className="yx-sb-nowrap">
                {t('subsidies.fields.levelN', { code: item.occupationCode, level: item.level })}
              </span>
            </Typography.Text>
          </Flex>
          <LineStatusTag status={item.status} />
        </Flex>
        <Flex justify="space-between" align="baseline" gap={8} wrap>
          <Typography.Text type="secondary">{t('subsidies.mine.amount')}</Typography.Text>
          <span className="yx-sb-big">
            <Money fen={item.amountFen} strong />
          </span>
        </Flex>
        {item.institutionFen > 0 && (
          <Typography.Text type="secondary" className="yx-sb-sub">
            {t('subsidies.mine.toYou', { amount: yuan(item.traineeFen) })} ·{' '}
            {t('subsidies.mine.toInstitution', { amount: yuan(item.institutionFen) })}
          </Typography.Text>
        )}
        {item.reason && (
          <Typography.Text type="danger" data-testid="my-subsidy-reason">
            {t('subsidies.mine.rejected', { reason: item.reason })}
          </Typography.Text>
        )}
        {item.status === 'paid' && (
          <Flex vertical data-testid="my-subsidy-paid">
            <Typography.Text type="success">{t('subsidies.mine.paid', { date: time(item.paidAt) })}</Typography.Text>
            <Typography.Text type="secondary" className="yx-sb-sub">
              {t('subsidies.mine.voucher', { voucher: item.voucherNo })}
            </Typography.Text>
          </Flex>
        )}
        <ExplanationList blocked={item.blocked} lines={item.lines} />
        <Typography.Text type="secondary" className="yx-sb-sub">
          {t('subsidies.mine.submitted', { date: time(item.submittedAt) })}
        </Typography.Text>
      </Flex>
    </Card>
  );
}
