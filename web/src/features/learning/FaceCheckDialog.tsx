import { ArrowLeftOutlined, ArrowRightOutlined, CameraOutlined, RedoOutlined, ScanOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Flex, Modal, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../ui/ErrorAlert';
import { CameraView } from '../learning-classes/CameraView';
import { captureJpeg } from '../learning-classes/scanner';
import { useSecondsLeft } from './countdown';
import type { AnswerReply, CheckView, LivenessAction } from './types';
// Its own styles: the exam page shows this dialog without the learning pages' stylesheet.
import './learning.css';

type Props = {
  check: CheckView;
  onAnswer: (frames: string[]) => Promise<AnswerReply | 'closed'>;
  onRetry: () => Promise<void>;
  onLeave: () => void;
  /** At the formal exam (its start or a check during it) the dialog speaks of the exam, not of lessons and credit. */
  exam?: 'start' | 'during';
};

type Prompt = 'look' | LivenessAction | 'hold' | 'back';

const CONSENT_KEY = 'yx_face_consent';
/** The learner looks at the camera this long before the frontal frame is taken. */
const LOOK_MS = 900;
/**
 * After the head-turn prompt, frames are taken at these moments: people need about half a second to react and another
 * to turn, and the frames must still catch the turn if it comes late. The server judges them all (liveness.ts).
 */
const TURN_FRAMES_AT_MS = [600, 1100, 1600, 2100, 2600, 3100];
const FRAME_WIDTH = 640;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function consented(): boolean {
  try {
    return window.localStorage.getItem(CONSENT_KEY) === '1';
  } catch {
    return false;
  }
}

/** Films the frames of one answer: a frontal one, then (for a head turn) several while the learner turns. */
async function film(
  video: HTMLVideoElement,
  action: LivenessAction | null,
  prompt: (p: Prompt) => void,
): Promise<string[]> {
  prompt('look');
  await sleep(LOOK_MS);
  const frames = [captureJpeg(video, FRAME_WIDTH)];
  if (action) {
    prompt(action);
    let elapsed = 0;
    for (const at of TURN_FRAMES_AT_MS) {
      await sleep(at - elapsed);
      elapsed = at;
      frames.push(captureJpeg(video, FRAME_WIDTH));
    }
    prompt('back');
  } else {
    prompt('hold');
  }
  return frames.filter((f): f is string => !!f);
}

/**
 * The face check while learning: consent (once per browser), the front camera's live picture, the instruction (a head
 * turn the server chose, or hold still), frames filmed a moment apart and sent, and the verdict in words — the
 * precise reason, whether it used an attempt, and a way to try again while attempts remain. Playback waits meanwhile
 * (the page blocks it while a check is open) and the dialog says that time does not count until the check is passed.
 */
export function FaceCheckDialog({ check, onAnswer, onRetry, onLeave, exam }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const seconds = useSecondsLeft(check.deadline);
  const [consent, setConsent] = useState(consented);
  const [agreed, setAgreed] = useState(false);
  const [video, setVideo] = useState<HTMLVideoElement | null>(null);
  const [cameraError, setCameraError] = useState<'denied' | 'unsupported' | null>(null);
  const [cameraKey, setCameraKey] = useState(0);
  const [phase, setPhase] = useState<'ready' | 'filming' | 'sending'>('ready');
  const [prompt, setPrompt] = useState<Prompt | null>(null);
  const [feedback, setFeedback] = useState<AnswerReply | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setFeedback((previous) => (check.failed ? previous : null));
    setPhase('ready');
  }, [check.id, check.failed]);

  // The words that differ at the exam: no lessons, no credit; the exam clock and the exam's record instead.
  const words = exam
    ? {
        consent: 'learning.faceCheck.exam.consent',
        note: exam === 'start' ? 'learning.faceCheck.exam.noteStart' : 'learning.faceCheck.exam.noteDuring',
        passed: exam === 'start' ? 'learning.faceCheck.exam.passedStart' : 'learning.faceCheck.exam.passedDuring',
        failed: 'learning.faceCheck.exam.failed',
        missed: 'learning.faceCheck.exam.missed',
        leave: 'learning.faceCheck.exam.leave',
      }
    : {
        consent: 'learning.faceCheck.consent',
        note: 'learning.faceCheck.noCredit',
        passed: 'learning.faceCheck.passed',
        failed: 'learning.faceCheck.failed',
        missed: 'learning.faceCheck.missed',
        leave: 'learning.player.back',
      };
  const actionText = check.action ? t(`learning.faceCheck.action.${check.action}`) : '';
  const reasonText = (reason: string | null) =>
    t(`learning.faceCheck.reason.${reason ?? 'other'}`, {
      action: actionText,
      defaultValue: t('learning.faceCheck.reason.other'),
    });

  const agree = () => {
    try {
      window.localStorage.setItem(CONSENT_KEY, '1');
    } catch {
      // private mode: asked again next time
    }
    setConsent(true);
  };

  const start = async () => {
    if (!video) return;
    setFeedback(null);
    setPhase('filming');
    try {
      const frames = await film(video, check.action ?? null, setPrompt);
      setPhase('sending');
      const reply = await onAnswer(frames);
      if (reply === 'closed') return;
      if (reply.result === 'passed') void message.success(t(words.passed));
      else if (reply.result === 'late') void message.warning(t('learning.check.late'));
      else setFeedback(reply);
    } catch (error) {
      void message.error(errorText(error).message);
    } finally {
      setPrompt(null);
      setPhase('ready');
    }
  };

  const retry = async () => {
    setBusy(true);
    try {
      await onRetry();
    } catch (error) {
      void message.error(errorText(error).message);
    } finally {
      setBusy(false);
    }
  };

  const title = (
    <Flex align="center" gap={8}>
      <ScanOutlined />
      {t('learning.faceCheck.title')}
    </Flex>
  );

  const meta = (
    <Flex gap={8} wrap className="yx-learn-check-meta">
      <Tag color={seconds > 10 ? 'processing' : 'error'} data-testid="check-countdown">
        {seconds > 0 ? t('learning.check.countdown', { seconds }) : t('learning.check.overdue')}
      </Tag>
      {!check.failed && <Tag>{t('learning.check.attemptsLeft', { count: check.attemptsLeft })}</Tag>}
    </Flex>
  );

  const feedbackAlert = feedback && feedback.face && (
    <Alert
      type={feedback.result === 'retake' ? 'warning' : 'error'}
      showIcon
      className="yx-learn-check-feedback"
      data-testid="face-feedback"
      data-reason={feedback.face.reason ?? ''}
      data-result={feedback.result}
      title={reasonText(feedback.face.reason)}
      description={
        feedback.result === 'retake'
          ? t('learning.faceCheck.noAttemptUsed')
          : feedback.result === 'wrong'
            ? t('learning.faceCheck.attemptsLeft', { count: check.attemptsLeft })
            : undefined
      }
    />
  );

  let body;
  if (check.failed) {
    body = (
      <>
        <Alert
          type="error"
          showIcon
          title={t(feedback ? words.failed : words.missed)}
          description={feedback?.face ? reasonText(feedback.face.reason) : undefined}
          data-testid="check-failed"
        />
        <Flex justify="flex-end" gap={8} wrap className="yx-learn-check-actions">
          <Button onClick={onLeave}>{t(words.leave)}</Button>
          <Button
            type="primary"
            loading={busy}
            icon={<RedoOutlined />}
            onClick={() => void retry()}
            data-testid="check-retry"
          >
            {t('learning.faceCheck.retry')}
          </Button>
        </Flex>
      </>
    );
  } else if (!consent) {
    body = (
      <>
        {meta}
        <Typography.Paragraph data-testid="face-consent">{t(words.consent)}</Typography.Paragraph>
        <Checkbox
          checked={agreed}
          onChange={(event) => setAgreed(event.target.checked)}
          data-testid="face-consent-agree"
        >
          {t('learning.faceCheck.agree')}
        </Checkbox>
        <Flex justify="flex-end" gap={8} wrap className="yx-learn-check-actions">
          <Button onClick={onLeave}>{t(words.leave)}</Button>
          <Button
            type="primary"
            icon={<CameraOutlined />}
            disabled={!agreed}
            onClick={agree}
            data-testid="face-camera-open"
          >
            {t('learning.faceCheck.openCamera')}
          </Button>
        </Flex>
      </>
    );
  } else {
    const turning = prompt === 'turn_left' || prompt === 'turn_right';
    body = (
      <>
        {meta}
        <Typography.Paragraph className="yx-face-howto">
          {check.action
            ? t('learning.faceCheck.howToTurn', { action: actionText })
            : t('learning.faceCheck.howToStill')}
        </Typography.Paragraph>
        {cameraError ? (
          <Alert
            type="warning"
            showIcon
            title={t(
              cameraError === 'denied' ? 'learning.faceCheck.cameraDenied' : 'learning.faceCheck.cameraUnsupported',
            )}
            action={
              <Button
                size="small"
                onClick={() => {
                  setCameraError(null);
                  setCameraKey((k) => k + 1);
                }}
              >
                {t('learning.faceCheck.reopen')}
              </Button>
            }
            data-testid="face-camera-error"
          />
        ) : (
          <div className="yx-face-camera">
            <CameraView
              key={cameraKey}
              facing="user"
              mirrored
              onVideo={setVideo}
              onError={setCameraError}
              testId="face-camera"
            />
            <div className="yx-face-oval" aria-hidden />
            {prompt && (
              <div
                className={`yx-face-prompt${turning ? ' yx-face-prompt-turn' : ''}`}
                data-testid="face-prompt"
                data-prompt={prompt}
              >
                {prompt === 'turn_left' && <ArrowLeftOutlined />}
                <span>{t(`learning.faceCheck.prompt.${prompt}`)}</span>
                {prompt === 'turn_right' && <ArrowRightOutlined />}
              </div>
            )}
            {phase === 'sending' && (
              <div className="yx-face-sending">
                <Spin />
                <span>{t('learning.faceCheck.checking')}</span>
              </div>
            )}
          </div>
        )}
        {feedbackAlert}
        <Flex justify="flex-end" gap={8} wrap className="yx-learn-check-actions">
          <Button onClick={onLeave} disabled={phase !== 'ready'}>
            {t(words.leave)}
          </Button>
          <Button
            type="primary"
            icon={<ScanOutlined />}
            disabled={!video || phase !== 'ready' || seconds <= 0}
            loading={phase !== 'ready'}
            onClick={() => void start()}
            data-testid="face-start"
          >
            {t(feedback ? 'learning.faceCheck.again' : 'learning.faceCheck.start')}
          </Button>
        </Flex>
      </>
    );
  }

  return (
    <Modal
      open
      title={title}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      footer={null}
      centered
      destroyOnHidden
    >
      <div
        data-testid="check-dialog"
        data-kind="face"
        data-failed={String(check.failed)}
        data-action={check.action ?? ''}
        data-phase={phase}
      >
        {body}
        <Typography.Paragraph
          type="secondary"
          className="yx-learn-small yx-learn-check-note"
          data-testid="face-no-credit"
        >
          {t(words.note)}
        </Typography.Paragraph>
      </div>
    </Modal>
  );
}
