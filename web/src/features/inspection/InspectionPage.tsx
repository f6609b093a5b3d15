import { DownloadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Row,
  Select,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useMe } from '../../api/auth';
import { PageHeader } from '../../ui/PageHeader';
import { QueryState } from '../../ui/QueryState';
import { useInstitutions } from '../institutions/api';
import { inspectionExportUrl, useInspection, type InspectionQuery } from './api';
import type { InspectionClass, InspectionLearner } from './types';

const today = () => dayjs().format('YYYY-MM-DD');
const monthAgo = () => dayjs().subtract(29, 'day').format('YYYY-MM-DD');

/** 数据自查: an institution's report for a period, per class and learner, with the findings and the audited export. */
export function InspectionPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const own = me?.user.role === 'institution_admin';
  const institutions = useInstitutions(undefined, !!me && !own, 'active');
  const from = params.get('from') ?? monthAgo();
  const to = params.get('to') ?? today();
  const institutionId = own ? undefined : (params.get('institutionId') ?? undefined);
  const query: InspectionQuery | null = own || institutionId ? { institutionId, from, to } : null;
  const report = useInspection(query);
  const set = (next: Record<string, string | undefined>) => {
    const merged = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next))
      if (v) merged.set(k, v);
      else merged.delete(k);
    setParams(merged);
  };
  const s = report.data?.summary;
  return (
    <Flex vertical gap={12}>
      <PageHeader
        title={report.data ? `${t('inspection.title')} · ${report.data.institution.name}` : t('inspection.title')}
        extra={
          query && (
            <Tooltip title={t('inspection.exportNote')}>
              <Button
                type="primary"
                icon={<DownloadOutlined />}
                href={inspectionExportUrl(query)}
                download
                data-testid="inspection-export"
              >
                {t('inspection.export')}
              </Button>
            </Tooltip>
          )
        }
      />
      <Typography.Text type="secondary">{own ? t('inspection.intro') : t('inspection.introRegulator')}</Typography.Text>
      <Flex gap={12} wrap align="center">
        {!own && (
          <Select
            showSearch
            optionFilterProp="label"
            style={{ minWidth: 320 }}
            placeholder={t('inspection.institutionPlaceholder')}
            value={institutionId}
            loading={institutions.isFetching}
            data-testid="inspection-institution"
            options={(institutions.data && 'items' in institutions.data ? institutions.data.items : []).map((i) => ({
              value: i.id,
              label: i.name,
            }))}
            onChange={(value: string) => set({ institutionId: value })}
          />
        )}
        <Typography.Text type="secondary">{t('inspection.period')}</Typography.Text>
        <DatePicker.RangePicker
          allowClear={false}
          value={[dayjs(from), dayjs(to)]}
          onChange={(value) =>
            value?.[0] && value[1] && set({ from: value[0].format('YYYY-MM-DD'), to: value[1].format('YYYY-MM-DD') })
          }
        />
      </Flex>
      {!query ? (
        <Card size="small">
          <Empty description={t('inspection.choose')} />
        </Card>
      ) : (
        <QueryState loading={report.isPending} error={report.error} onRetry={() => void report.refetch()}>
          {report.data && s && (
            <Flex vertical gap={12} data-testid="inspection-report">
              <Card size="small">
                <Row gutter={[12, 12]}>
                  <Col xs={12} md={6} xl={3}>
                    <Statistic title={t('inspection.summary.classes')} value={s.classes} />
                  </Col>
                  <Col xs={12} md={6} xl={3}>
                    <Statistic title={t('inspection.summary.enrolled')} value={s.enrolled} />
                  </Col>
                  <Col xs={12} md={6} xl={3}>
                    <Statistic title={t('inspection.summary.onlineHours')} value={s.onlineHours} />
                  </Col>
                  <Col xs={12} md={6} xl={3}>
                    <Statistic title={t('inspection.summary.offlineHours')} value={s.offlineHours} />
                  </Col>
                  <Col xs={12} md={6} xl={3}>
                    <Statistic
                      title={t('inspection.summary.faces')}
                      value={`${s.faceChecksPassed} / ${s.faceChecksFailed}`}
                    />
                  </Col>
                  <Col xs={12} md={6} xl={3}>
                    <Statistic title={t('inspection.summary.alerts')} value={s.alerts} />
                  </Col>
                  <Col xs={12} md={6} xl={3}>
                    <Statistic title={t('inspection.summary.anomalies')} value={s.anomalies} />
                  </Col>
                  <Col xs={12} md={6} xl={3}>
                    <Statistic
                      title={t('inspection.summary.flagged')}
                      value={s.flagged}
                      valueStyle={s.flagged ? { color: '#cf1322' } : undefined}
                      data-testid="inspection-flagged"
                    />
                  </Col>
                </Row>
              </Card>
              <Alert type="info" showIcon message={t('inspection.exportNote')} />
              {report.data.classes.length === 0 ? (
                <Card size="small">
                  <Empty description={t('inspection.noClasses')} />
                </Card>
              ) : (
                report.data.classes.map((c) => <ClassReport key={c.classId} klass={c} />)
              )}
            </Flex>
          )}
        </QueryState>
      )}
    </Flex>
  );
}

function ClassReport({ klass }: { klass: InspectionClass }) {
  const { t } = useTranslation();
  const columns: TableProps<InspectionLearner>['columns'] = [
    {
      key: 'name',
      title: t('inspection.columns.name'),
      fixed: 'left',
      render: (_, l) => (
        <Flex vertical>
          <span>
            {l.name} {l.enrolment === 'withdrawn' && <Tag>{t('inspection.withdrawn')}</Tag>}
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {l.idNumberMasked}
          </Typography.Text>
        </Flex>
      ),
    },
    { key: 'online', title: t('inspection.columns.online'), align: 'right', render: (_, l) => l.onlineHours },
    { key: 'offline', title: t('inspection.columns.offline'), align: 'right', render: (_, l) => l.offlineHours },
    {
      key: 'lessons',
      title: t('inspection.columns.lessons'),
      align: 'right',
      render: (_, l) => `${l.lessonsCompleted}/${l.lessonsTotal}`,
    },
    { key: 'sessions', title: t('inspection.columns.sessions'), align: 'right', dataIndex: 'sessions' },
    {
      key: 'faces',
      title: t('inspection.columns.faces'),
      align: 'right',
      render: (_, l) => `${l.faceChecksPassed} / ${l.faceChecksFailed}`,
    },
    { key: 'alerts', title: t('inspection.columns.alerts'), align: 'right', dataIndex: 'alerts' },
    {
      key: 'anomalies',
      title: t('inspection.columns.anomalies'),
      align: 'right',
      render: (_, l) => (
        <Tooltip
          title={t('inspection.anomalyDetail', {
            refused: l.refusedReports,
            missed: l.missedChecks,
            failed: l.failedChecks,
            elsewhere: l.otherDeviceStarts,
          })}
        >
          <span style={l.anomalies ? { color: '#cf1322' } : undefined}>{l.anomalies}</span>
        </Tooltip>
      ),
    },
    {
      key: 'findings',
      title: t('inspection.columns.findings'),
      render: (_, l) =>
        l.findings.length ? (
          <Flex gap={4} wrap>
            {l.findings.map((f) => (
              <Tag key={f} color="red">
                {t(`inspection.findings.${f}`)}
              </Tag>
            ))}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('inspection.none')}</Typography.Text>
        ),
    },
    {
      key: 'trace',
      title: '',
      render: (_, l) => (
        <Link to={`/trace/${l.userId}`} data-testid="inspection-trace">
          {t('inspection.trace')}
        </Link>
      ),
    },
  ];
  return (
    <Card
      size="small"
      data-testid="inspection-class"
      title={t('inspection.classTitle', { name: klass.name, start: klass.startDate, end: klass.endDate })}
      extra={
        <Tag color={klass.status === 'approved' ? 'green' : 'default'}>
          {t(`inspection.status.${klass.status}`, { defaultValue: klass.status })}
        </Tag>
      }
    >
      <Table<InspectionLearner>
        rowKey="userId"
        size="small"
        columns={columns}
        dataSource={klass.learners}
        scroll={{ x: 'max-content' }}
        rowClassName={(l) => (l.findings.length ? 'yx-inspection-flagged' : '')}
        pagination={klass.learners.length > 30 ? { pageSize: 30, size: 'small', showSizeChanger: false } : false}
      />
    </Card>
  );
}
