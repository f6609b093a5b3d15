import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Input, Modal, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../ui/ErrorAlert';
import { useSecondsLeft } from './countdown';
import { FaceCheckDialog } from './FaceCheckDialog';
import type { AnswerReply, CheckResult, CheckView } from './types';

type Props = {
  check: CheckView;
  onAnswer: (code: string) => Promise<CheckResult | 'closed'>;
  onAnswerFace: (frames: string[]) => Promise<AnswerReply | 'closed'>;
  onRetry: () => Promise<void>;
  onLeave: () => void;
};

/** The check the server issued: a face check (camera, head turn) or the code to type back. */
export function CheckDialog({ check, onAnswerFace, ...props }: Props) {
  if (check.kind === 'face')
    return <FaceCheckDialog check={check} onAnswer={onAnswerFace} onRetry={props.onRetry} onLeave={props.onLeave} />;
  return <CodeCheckDialog check={check} {...props} />;
}

/**
 * The anti-hang-up check the server issues at moments the learner cannot predict: the code is shown and must be
 * typed back before the deadline. Playback waits meanwhile; ground played since the check was issued is credited
 * only when it is passed.
 */
function CodeCheckDialog({ check, onAnswer, onRetry, onLeave }: Omit<Props, 'onAnswerFace'>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [code, setCode] = useState('');
  const [feedback, setFeedback] = useState<CheckResult | null>(null);
  const [busy, setBusy] = useState(false);
  const seconds = useSecondsLeft(check.deadline);

  useEffect(() => {
    setCode('');
    setFeedback(null);
  }, [check.id]);

  const submit = async () => {
    setBusy(true);
    try {
      const result = await onAnswer(code.trim());
      if (result === 'passed') void message.success(t('learning.check.passed'));
      else if (result === 'late') void message.warning(t('learning.check.late'));
      else if (result !== 'closed') setFeedback(result);
      setCode('');
    } catch (error) {
      void message.error(errorText(error).message);
    } finally {
      setBusy(false);
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
      <SafetyCertificateOutlined />
      {t('learning.check.title')}
    </Flex>
  );

  let body;
  if (check.failed) {
    body = (
      <>
        <Alert
          type="error"
          showIcon
          title={t(feedback === 'failed' ? 'learning.check.failed' : 'learning.check.missed')}
          data-testid="check-failed"
        />
        <Flex justify="flex-end" gap={8} className="yx-learn-check-actions">
          <Button onClick={onLeave}>{t('learning.player.back')}</Button>
          <Button type="primary" loading={busy} onClick={() => void retry()} data-testid="check-retry">
            {t('learning.check.retry')}
          </Button>
        </Flex>
      </>
    );
  } else {
    body = (
      <>
        <Typography.Paragraph>{t('learning.check.prompt')}</Typography.Paragraph>
        <div className="yx-learn-check-code" data-testid="check-code" aria-label={check.code ?? ''}>
          {check.code}
        </div>
        <Flex gap={8} justify="center" wrap className="yx-learn-check-meta">
          <Tag color={seconds > 10 ? 'processing' : 'error'} data-testid="check-countdown">
            {seconds > 0 ? t('learning.check.countdown', { seconds }) : t('learning.check.overdue')}
          </Tag>
          <Tag>{t('learning.check.attemptsLeft', { count: check.attemptsLeft })}</Tag>
        </Flex>
        {feedback === 'wrong' && (
          <Alert
            type="error"
            showIcon
            title={t('learning.check.wrong', { count: check.attemptsLeft })}
            className="yx-learn-check-feedback"
            data-testid="check-wrong"
          />
        )}
        <Flex gap={8} className="yx-learn-check-actions">
          <Input
            autoFocus
            size="large"
            inputMode="numeric"
            maxLength={8}
            value={code}
            placeholder={t('learning.check.placeholder')}
            onChange={(event) => setCode(event.target.value)}
            onPressEnter={() => code.trim() && void submit()}
            data-testid="check-input"
          />
          <Button
            type="primary"
            size="large"
            loading={busy}
            disabled={!code.trim()}
            onClick={() => void submit()}
            data-testid="check-submit"
          >
            {t('learning.check.submit')}
          </Button>
        </Flex>
        <Typography.Paragraph type="secondary" className="yx-learn-small yx-learn-check-note">
          {t('learning.check.paused')}
        </Typography.Paragraph>
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
      <div data-testid="check-dialog" data-kind={check.kind} data-failed={String(check.failed)}>
        {body}
      </div>
    </Modal>
  );
}
