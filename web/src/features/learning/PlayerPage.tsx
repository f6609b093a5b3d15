import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, Row, Spin, Typography } from 'antd';
import { useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { QueryState } from '../../ui/QueryState';
import { useClassProgress, useCourseDetail, useLearnerClass } from './api';
import { CheckDialog } from './CheckDialog';
import { DocumentSurface } from './DocumentSurface';
import { CreditStatus, PlayerStats } from './PlayerStats';
import { formatClock } from './reasons';
import type { PlaybackReader } from './session-controller';
import { SessionEndedScreen, StartRefusedScreen } from './SessionScreens';
import { useLearningSession } from './useLearningSession';
import { VideoSurface, type SurfaceNotice } from './VideoSurface';
import './learning.css';

/** The supervised player: one lesson, one session, every credited second decided by the server. */
export function PlayerPage() {
  const { classId = '', lessonId = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const progress = useClassProgress(classId);
  const lesson = progress.data?.find((l) => l.lessonId === lessonId);
  const course = useCourseDetail(lesson?.courseId);
  const media = course.data?.chapters.flatMap((c) => c.lessons).find((l) => l.id === lessonId);
  const klass = useLearnerClass(classId);
  const playback = useRef<PlaybackReader | null>(null);
  const { state, report, restart, answer, answerFace, retryCheck, confirmHeld } = useLearningSession(
    classId,
    lessonId,
    playback,
  );
  const back = useCallback(() => navigate(`/learn/${encodeURIComponent(classId)}`), [navigate, classId]);
  const notice = useCallback(
    (which: SurfaceNotice) => void message.warning({ content: t(`learning.player.${which}`), key: which, duration: 6 }),
    [message, t],
  );

  if (state.status === 'refused') return <StartRefusedScreen error={state.error} onRetry={restart} onBack={back} />;
  if (state.status === 'ended' && state.end)
    return <SessionEndedScreen end={state.end} lessons={progress.data} onResume={restart} onBack={back} />;

  const live = state.live;
  const running = state.status === 'running';
  const blocked = !running || !!live?.check;
  let surface;
  if (!live || !lesson || !media?.mediaId) {
    surface = (
      <QueryState
        loading={progress.isLoading || course.isLoading}
        error={progress.error ?? course.error}
        onRetry={() => void course.refetch()}
      >
        <Flex justify="center" className="yx-learn-surface-wait">
          <Spin />
        </Flex>
      </QueryState>
    );
  } else if (lesson.kind === 'video') {
    surface = (
      <VideoSurface
        key={live.sessionId}
        mediaId={media.mediaId}
        startAtMs={state.startedAtMs}
        frontierMs={live.resumeAtMs}
        blocked={blocked}
        playback={playback}
        onChange={report}
        onNotice={notice}
      />
    );
  } else {
    surface = (
      <DocumentSurface
        key={live.sessionId}
        mediaId={media.mediaId}
        startAtMs={state.startedAtMs}
        durationMs={live.durationMs}
        blocked={blocked}
        playback={playback}
        onChange={report}
      />
    );
  }

  return (
    <div
      className="yx-learn-player"
      data-testid="learning-player"
      data-status={state.status}
      data-session-id={live?.sessionId ?? ''}
    >
      <Link to={`/learn/${encodeURIComponent(classId)}`} className="yx-learn-back">
        <ArrowLeftOutlined /> {t('learning.player.back')}
      </Link>
      <div className="yx-learn-heading">
        <Typography.Title level={4} className="yx-learn-title" data-testid="player-title">
          {lesson?.title ?? '…'}
        </Typography.Title>
        {lesson && (
          <Typography.Text type="secondary">
            {lesson.courseTitle} · {lesson.chapterTitle}
          </Typography.Text>
        )}
      </div>
      {state.offline && (
        <Alert
          type="warning"
          showIcon
          className="yx-learn-alert"
          title={t('learning.player.offline', { count: state.queued })}
          data-testid="offline-notice"
          data-queued={state.queued}
        />
      )}
      {state.superseded && (
        <Alert type="info" showIcon closable className="yx-learn-alert" title={t('learning.player.supersededOther')} />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card size="small" className="yx-learn-surface">
            {surface}
          </Card>
          <Typography.Paragraph type="secondary" className="yx-learn-small yx-learn-resumed">
            {live && state.startedAtMs > 0 && (
              <span>{t('learning.player.resumedAt', { position: formatClock(state.startedAtMs) })}</span>
            )}
            {lesson?.kind === 'video' && <span>{t('learning.player.rules')}</span>}
            {state.faceChecks?.on && <span data-testid="face-checks-info">{t('learning.faceCheck.lessonInfo')}</span>}
          </Typography.Paragraph>
        </Col>
        <Col xs={24} lg={8}>
          <Flex vertical gap={12}>
            <CreditStatus state={state} classHourMinutes={klass.data?.classHourMinutes ?? null} />
            {live && <PlayerStats live={live} classHourMinutes={klass.data?.classHourMinutes ?? null} />}
            {running && live && live.heldMs > 0 && !live.check && (
              <Button block onClick={() => void confirmHeld()} data-testid="confirm-held">
                {t('learning.player.confirmHeld')}
              </Button>
            )}
          </Flex>
        </Col>
      </Row>
      {running && live?.check && (
        <CheckDialog
          check={live.check}
          onAnswer={answer}
          onAnswerFace={answerFace}
          onRetry={retryCheck}
          onLeave={back}
        />
      )}
    </div>
  );
}
