import { EnvironmentOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatMinute } from '../classes/cells';
import type { MyClassDetail, MySession } from './types';

function AttendanceTag({ session }: { session: MySession }) {
  const { t, i18n } = useTranslation();
  const a = session.attendance;
  if (!a)
    return (
      <Tag data-testid="session-attendance" data-state="none">
        {t('learnerClasses.page.notCheckedIn')}
      </Tag>
    );
  if (!a.checkOutAt) {
    return (
      <Tag color="processing" data-testid="session-attendance" data-state="in">
        {t('learnerClasses.page.checkedIn', { time: formatMinute(a.checkInAt, i18n.language) })}
      </Tag>
    );
  }
  return (
    <Tag color="success" data-testid="session-attendance" data-state="out">
      {t('learnerClasses.page.checkedOut', { time: formatMinute(a.checkOutAt, i18n.language), minutes: a.minutes })}
    </Tag>
  );
}

/** The class's offline sessions with the learner's own attendance and the way to the scanner. */
export function SessionList({ detail }: { detail: MyClassDetail }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const active = detail.status === 'approved';
  return (
    <Card size="small" title={t('learnerClasses.page.sessions')} data-testid="my-sessions">
      <Alert
        type={detail.theoryComplete ? 'success' : 'info'}
        showIcon
        className="yx-lc-gate"
        data-testid="theory-notice"
        title={detail.theoryComplete ? t('learnerClasses.page.theoryDone') : t('learnerClasses.page.theoryFirst')}
        description={t('learnerClasses.page.radius', { radius: detail.radiusMeters })}
      />
      {detail.sessions.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('learnerClasses.page.noSessions')} />
      ) : (
        <ul className="yx-lc-sessions">
          {detail.sessions.map((s) => {
            const action = !s.attendance ? 'check-in' : !s.attendance.checkOutAt ? 'check-out' : null;
            return (
              <li key={s.id} className="yx-lc-session" data-testid="my-session" data-session-id={s.id}>
                <Flex justify="space-between" align="flex-start" gap={12} wrap>
                  <Flex vertical gap={2} className="yx-lc-session-text">
                    <Typography.Text strong>{s.title}</Typography.Text>
                    <Typography.Text type="secondary">
                      {formatMinute(s.startsAt, language)} – {formatMinute(s.endsAt, language).slice(-5)}
                    </Typography.Text>
                    <Typography.Text type="secondary">
                      <EnvironmentOutlined /> {s.venueName} · {s.address}
                    </Typography.Text>
                    <span>
                      <AttendanceTag session={s} />
                    </span>
                  </Flex>
                  {active && action && (
                    <Link to={`/my/classes/${detail.id}/sessions/${s.id}/scan?action=${action}`}>
                      <Button
                        icon={<QrcodeOutlined />}
                        type={action === 'check-in' ? 'primary' : 'default'}
                        data-testid={`scan-${action}`}
                      >
                        {action === 'check-in' ? t('learnerClasses.page.scanIn') : t('learnerClasses.page.scanOut')}
                      </Button>
                    </Link>
                  )}
                </Flex>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
