import { Card, Descriptions, Flex, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../ui/format';
import { useIsMobile } from '../../ui/useIsMobile';
import { useLevels } from '../authoring/api';
import { formatMinute } from './cells';
import { VenueQrLink } from '../learning-classes/VenueQrLink';
import { levelLabel } from '../authoring/CourseFields';
import type { ClassDetail, ClassSession } from './types';

/** A class as it was applied for, for readers who may not change it (reviewers, teachers, submitted classes). */
export function ClassInfoView({ detail }: { detail: ClassDetail }) {
  const { t, i18n } = useTranslation();
  const mobile = useIsMobile();
  const levels = useLevels();
  const language = i18n.language;
  const none = <Typography.Text type="secondary">{t('classes.view.none')}</Typography.Text>;

  const sessionColumns: TableProps<ClassSession>['columns'] = [
    { key: 'title', title: t('classes.form.sessionTitle'), dataIndex: 'title' },
    {
      key: 'venue',
      title: t('classes.form.venue'),
      render: (_, s) => (
        <Flex vertical>
          <span>{s.venueName}</span>
          <Typography.Text type="secondary" className="yx-cl-sub">
            {s.address}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'coordinates',
      title: t('classes.view.coordinates'),
      render: (_, s) => (
        <span className="yx-cl-nowrap">
          {s.latitude.toFixed(4)}, {s.longitude.toFixed(4)}
        </span>
      ),
    },
    {
      key: 'time',
      title: t('classes.view.time'),
      render: (_, s) => (
        <Flex vertical className="yx-cl-nowrap">
          <span>{formatMinute(s.startsAt, language)}</span>
          <Typography.Text type="secondary" className="yx-cl-sub">
            {t('classes.list.until', { date: formatMinute(s.endsAt, language) })}
          </Typography.Text>
        </Flex>
      ),
    },
    // The venue screen of each session, for the staff who show it once the class is approved.
    {
      key: 'qr',
      title: '',
      render: (_, s) => <VenueQrLink classId={detail.id} sessionId={s.id} status={detail.status} />,
    },
  ];

  return (
    <div className="yx-cl-form-cards">
      <Card size="small" title={t('classes.form.basics')}>
        <Descriptions size="small" column={mobile ? 1 : 2} bordered={!mobile} data-testid="class-info">
          <Descriptions.Item label={t('classes.view.institution')}>{detail.institutionName}</Descriptions.Item>
          <Descriptions.Item
            label={t('classes.view.occupation')}
          >{`${detail.occupationName}（${detail.occupationCode}）`}</Descriptions.Item>
          <Descriptions.Item label={t('classes.view.level')}>
            {levelLabel(levels.data, detail.level, language)}
          </Descriptions.Item>
          <Descriptions.Item label={t('classes.view.period')}>
            {`${formatDate(detail.startDate, language)} – ${formatDate(detail.endDate, language)}`}
          </Descriptions.Item>
          <Descriptions.Item
            label={t('classes.view.offlineHours')}
          >{`${detail.offlineHours} ${t('classes.form.hoursUnit')}`}</Descriptions.Item>
          <Descriptions.Item
            label={t('classes.view.capacity')}
          >{`${detail.capacity} ${t('classes.form.capacityUnit')}`}</Descriptions.Item>
          <Descriptions.Item label={t('classes.view.selfEnrol')}>
            {detail.selfEnrol ? t('classes.view.yes') : t('classes.view.no')}
          </Descriptions.Item>
          {detail.submittedAt && (
            <Descriptions.Item label={t('classes.view.submittedAt')}>
              {formatDateTime(detail.submittedAt, language)}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('classes.view.assessmentPlan')} span={mobile ? 1 : 2}>
            <span className="yx-cl-pre">{detail.assessmentPlan || '—'}</span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('classes.view.courses')}>
        {detail.courses.length === 0 ? (
          none
        ) : (
          <ul className="yx-cl-plain-list">
            {detail.courses.map((c) => (
              <li key={c.id}>
                <span>{c.title}</span>
                <Typography.Text type="secondary">
                  {' '}
                  · {t('classes.form.courseHours', { count: c.classHours })}
                </Typography.Text>
                {c.generalModuleCode && <Tag className="yx-cl-inline-tag">{t('classes.form.platformCourse')}</Tag>}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card size="small" title={t('classes.view.teachers')}>
        {detail.teachers.length === 0 ? (
          none
        ) : (
          <Flex gap={6} wrap>
            {detail.teachers.map((teacher) => (
              <Tag key={teacher.id}>{teacher.name}</Tag>
            ))}
          </Flex>
        )}
      </Card>
      <Card size="small" title={t('classes.view.sessions')}>
        <Table<ClassSession>
          rowKey={(s) => s.id ?? `${s.title}-${s.startsAt}`}
          size="small"
          columns={sessionColumns}
          dataSource={detail.sessions}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('classes.view.none') }}
        />
      </Card>
    </div>
  );
}
