import { Alert, Card, Space, Spin, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { examApi, examsKey } from './api';
import './exams.css';

/** The submitted paper: the learner's answers, the correct ones, the explanations and the points awarded. */
export function ReviewPage() {
  const { attemptId = '' } = useParams();
  const { t } = useTranslation();
  const review = useQuery({ queryKey: [...examsKey, 'review', attemptId], queryFn: () => examApi.review(attemptId) });
  if (review.error) return <ErrorAlert error={review.error} />;
  if (!review.data) return <Spin className="yx-exam-loading" />;
  const { attempt, items } = review.data;
  return (
    <Card title={`${attempt.title} · ${t('exams.result.review')}`} className="yx-exam-card">
      <Space direction="vertical" size={12} className="yx-exam-items">
        {items.map((item) => (
          <Card key={item.index} size="small" title={`${item.index + 1}. ${t(`exams.type.${item.type}`)}`}>
            <Typography.Paragraph>{item.stem}</Typography.Paragraph>
            {item.options.map((o) => (
              <div key={o.key}>
                {o.key}. {o.text}
              </div>
            ))}
            <Space wrap className="yx-exam-review-line">
              <Tag>{t('exams.review.yours', { answer: item.answer?.join('、') || t('exams.review.none') })}</Tag>
              <Tag color="green">{t('exams.review.correct', { answer: item.correctAnswer.join('、') })}</Tag>
              <Tag color={item.needsPerson && item.awarded === null ? 'gold' : 'blue'}>
                {item.awarded === null
                  ? t('exams.review.waiting')
                  : t('exams.review.awarded', { awarded: item.awarded, score: item.score })}
              </Tag>
            </Space>
            <Alert type="info" title={item.explanation} className="yx-exam-explanation" />
          </Card>
        ))}
      </Space>
    </Card>
  );
}
