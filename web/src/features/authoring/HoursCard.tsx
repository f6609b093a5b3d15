import { Alert, Card, Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CourseDetail } from './types';

const round1 = (value: number) => Math.round(value * 10) / 10;

/** Class hours as the server counts them, and how they compare with the occupation's training standard. */
export function HoursCard({ course }: { course: CourseDetail }) {
  const { t } = useTranslation();
  const { standard } = course;
  let check;
  if (standard.status === 'no_standard') {
    check = (
      <Alert
        type="info"
        showIcon
        title={t('authoring.hours.noStandard')}
        description={t('authoring.hours.noStandardBody')}
      />
    );
  } else {
    const values = {
      hours: standard.courseHours,
      required: standard.requiredOnlineHours,
      min: standard.standardMinHours,
      share: round1(standard.onlineShare * 100),
      missing: round1(Math.max(0, standard.requiredOnlineHours - standard.courseHours)),
    };
    check =
      standard.status === 'met' ? (
        <Alert
          type="success"
          showIcon
          title={t('authoring.hours.met')}
          description={t('authoring.hours.metBody', values)}
        />
      ) : (
        <Alert
          type="warning"
          showIcon
          title={t('authoring.hours.below', values)}
          description={t('authoring.hours.belowBody', values)}
        />
      );
  }

  return (
    <Card title={t('authoring.hours.title')} data-testid="hours-card" data-standard={standard.status}>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Statistic
            title={t('authoring.hours.classHours')}
            value={course.classHours}
            suffix={t('authoring.hours.classHoursUnit')}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('authoring.hours.minutes')}
            value={course.minutes}
            suffix={t('authoring.hours.minutesUnit')}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('authoring.hours.classHourLength')}
            value={course.classHourMinutes}
            suffix={t('authoring.hours.perClassHour')}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('authoring.hours.pending')}
            value={course.pendingLessons}
            suffix={t('authoring.hours.lessonsUnit')}
            styles={course.pendingLessons > 0 ? { content: { color: '#1668dc' } } : undefined}
          />
        </Col>
      </Row>
      {check}
      {course.pendingLessons > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 12 }}
          title={t('authoring.hours.pendingHint', { count: course.pendingLessons })}
        />
      )}
    </Card>
  );
}
