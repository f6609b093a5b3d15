import {
  CheckCircleFilled,
  ClockCircleOutlined,
  PauseCircleOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import { Alert, Card, Flex, Progress, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDuration, percent, reasonText, verdictOf } from './reasons';
import type { ControllerState } from './session-controller';
import type { LiveView } from './types';

function Figure({
  label,
  value,
  testId,
  ms,
  extra,
}: {
  label: string;
  value: string;
  testId: string;
  ms: number;
  extra?: ReactNode;
}) {
  return (
    <div className="yx-learn-figure">
      <Typography.Text type="secondary" className="yx-learn-small">
        {label}
      </Typography.Text>
      <div className="yx-learn-figure-value" data-testid={testId} data-ms={ms}>
        {value}
      </div>
      {extra}
    </div>
  );
}

/** What the server has decided so far: the verdict on the newest report, and the three credited figures. */
export function CreditStatus({ state, classHourMinutes }: { state: ControllerState; classHourMinutes: number | null }) {
  const { t } = useTranslation();
  const live = state.live;
  if (!live || !state.last) {
    return (
      <Alert
        type="info"
        showIcon
        icon={<ClockCircleOutlined />}
        title={t('learning.player.status.waiting')}
        data-testid="credit-status"
        data-tone="waiting"
      />
    );
  }
  const verdict = verdictOf(state.last.result, state.last.previous);
  if (verdict.tone === 'none') {
    return (
      <Alert
        type="warning"
        showIcon
        icon={<PauseCircleOutlined />}
        title={reasonText(t, verdict.reason, live.day.capMs, classHourMinutes)}
        data-testid="credit-status"
        data-tone="none"
        data-reason={verdict.reason}
      />
    );
  }
  if (verdict.tone === 'held') {
    return (
      <Alert
        type="info"
        showIcon
        icon={<SafetyCertificateOutlined />}
        title={t('learning.player.status.held', { duration: formatDuration(t, verdict.heldMs) })}
        data-testid="credit-status"
        data-tone="held"
      />
    );
  }
  return (
    <Alert
      type="success"
      showIcon
      title={
        verdict.creditedMs >= 1000
          ? t('learning.player.status.credited', { duration: formatDuration(t, verdict.creditedMs) })
          : t('learning.player.status.counting')
      }
      data-testid="credit-status"
      data-tone="credited"
    />
  );
}

export function PlayerStats({ live, classHourMinutes }: { live: LiveView; classHourMinutes: number | null }) {
  const { t } = useTranslation();
  const lessonPercent = percent(live.lesson.creditedMs, live.durationMs);
  return (
    <Card size="small" className="yx-learn-stats" data-testid="player-stats">
      <Figure
        label={t('learning.player.lessonCredited')}
        value={`${formatDuration(t, live.lesson.creditedMs)} / ${formatDuration(t, live.durationMs)}`}
        testId="lesson-credited"
        ms={live.lesson.creditedMs}
        extra={
          <Flex align="center" gap={8}>
            <Progress
              percent={lessonPercent}
              size="small"
              status={live.lesson.complete ? 'success' : 'active'}
              className="yx-learn-grow"
            />
            {live.lesson.complete && (
              <Tag color="success" icon={<CheckCircleFilled />} data-testid="lesson-complete">
                {t('learning.player.complete')}
              </Tag>
            )}
          </Flex>
        }
      />
      <Figure
        label={t('learning.player.pendingLabel')}
        value={t('learning.player.pending', { seconds: Math.floor(live.heldMs / 1000) })}
        testId="held-credit"
        ms={live.heldMs}
        extra={
          <Typography.Text type="secondary" className="yx-learn-small">
            {t('learning.player.pendingHint')}
          </Typography.Text>
        }
      />
      <Figure
        label={t('learning.player.sessionCredited')}
        value={formatDuration(t, live.sessionCreditedMs)}
        testId="session-credited"
        ms={live.sessionCreditedMs}
      />
      <Figure
        label={t('learning.player.today')}
        value={formatDuration(t, live.day.creditedMs)}
        testId="day-credited"
        ms={live.day.creditedMs}
        extra={
          <>
            <Progress percent={percent(live.day.creditedMs, live.day.capMs)} size="small" showInfo={false} />
            <Typography.Text type="secondary" className="yx-learn-small">
              {classHourMinutes
                ? t('learning.player.capHours', {
                    hours: Math.round((live.day.capMs / 60_000 / classHourMinutes) * 10) / 10,
                    duration: formatDuration(t, live.day.capMs),
                  })
                : t('learning.player.cap', { duration: formatDuration(t, live.day.capMs) })}
            </Typography.Text>
          </>
        }
      />
    </Card>
  );
}
