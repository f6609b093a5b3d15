import { App, Button, Card, Empty, Flex, InputNumber, List, Spin, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ErrorAlert, useErrorText } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { examApi, examsKey, useGradingQueue } from './api';
import './exams.css';

/** The grading queue of an exam: each short answer with the rubric, one decision each (the server refuses a second). */
export function GradingPage() {
  const { examId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const queue = useGradingQueue(examId);
  const [scores, setScores] = useState<Record<string, number | null>>({});
  const [busy, setBusy] = useState<string | null>(null);
  if (queue.error) return <ErrorAlert error={queue.error} />;
  if (!queue.data) return <Spin className="yx-exam-loading" />;

  const decide = async (attemptId: string, index: number) => {
    const key = `${attemptId}:${index}`;
    const score = scores[key];
    if (score === null || score === undefined) return;
    setBusy(key);
    try {
      await examApi.grade(attemptId, index, score);
      void message.success(t('exams.grading.done'));
      await client.invalidateQueries({ queryKey: [...examsKey, 'grading', examId] });
    } catch (e) {
      void message.error(errorText(e).message);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card title={t('exams.grading.title', { count: queue.data.length })} className="yx-exam-card">
      {queue.data.length === 0 ? (
        <Empty description={t('exams.grading.empty')} />
      ) : (
        <List
          dataSource={queue.data}
          renderItem={(item) => {
            const key = `${item.attemptId}:${item.index}`;
            return (
              <List.Item data-testid="grading-item">
                <Flex vertical gap={8} className="yx-exam-grade">
                  <Typography.Text type="secondary">
                    {item.learnerName} · {t('exams.grading.question', { n: item.index + 1 })} ·{' '}
                    {formatDateTime(item.savedAt, i18n.language)}
                  </Typography.Text>
                  <Typography.Paragraph strong>{item.stem}</Typography.Paragraph>
                  <Typography.Paragraph className="yx-exam-answer">{item.answer.join('\n')}</Typography.Paragraph>
                  <Typography.Paragraph type="secondary">
                    {t('exams.grading.rubric')}: {item.rubric}
                    {item.referenceAnswer.length > 0 && (
                      <>
                        <br />
                        {t('exams.grading.reference')}: {item.referenceAnswer.join('、')}
                      </>
                    )}
                  </Typography.Paragraph>
                  <Flex gap={8} align="center" wrap>
                    <InputNumber
                      min={0}
                      max={item.maxScore}
                      step={0.5}
                      value={scores[key] ?? null}
                      onChange={(v) => setScores((s) => ({ ...s, [key]: v }))}
                      addonAfter={`/ ${item.maxScore}`}
                    />
                    <Button
                      type="primary"
                      loading={busy === key}
                      disabled={scores[key] === null || scores[key] === undefined}
                      onClick={() => void decide(item.attemptId, item.index)}
                    >
                      {t('exams.grading.decide')}
                    </Button>
                  </Flex>
                </Flex>
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}
