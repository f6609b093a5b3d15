import { Button, Card, Empty, Flex, List, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { useClassExams } from './api';
import './exams.css';

/** The learner's exams of a class: practice, mock and the formal exam, with their own attempts and the counted mark. */
export function ClassExamsPage() {
  const { classId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const exams = useClassExams(classId);
  if (exams.error) return <ErrorAlert error={exams.error} />;
  if (!exams.data) return <Spin className="yx-exam-loading" />;
  return (
    <Card title={t('exams.list.title')} className="yx-exam-card">
      {exams.data.length === 0 ? (
        <Empty description={t('exams.list.empty')} />
      ) : (
        <List
          dataSource={exams.data}
          renderItem={(exam) => {
            const mine = exam.mine;
            const left = exam.maxAttempts === null ? null : exam.maxAttempts - (mine?.attempts ?? 0);
            return (
              <List.Item
                data-testid={`exam-${exam.id}`}
                actions={[
                  <Link key="go" to={`/my/classes/${classId}/exams/${exam.id}`}>
                    <Button type="primary" disabled={left === 0 && !mine?.running}>
                      {mine?.running ? t('exams.list.resume') : t('exams.list.start')}
                    </Button>
                  </Link>,
                ]}
              >
                <List.Item.Meta
                  title={
                    <Space wrap>
                      {exam.title}
                      <Tag color={exam.kind === 'formal' ? 'red' : exam.kind === 'mock' ? 'blue' : 'default'}>
                        {t(`exams.kind.${exam.kind}`)}
                      </Tag>
                    </Space>
                  }
                  description={
                    <Flex vertical gap={2}>
                      <span>
                        {t('exams.list.window', {
                          start: formatDateTime(exam.windowStart, i18n.language),
                          end: formatDateTime(exam.windowEnd, i18n.language),
                        })}
                      </span>
                      <span>
                        {exam.timeLimitMinutes === null
                          ? t('exams.list.noLimit')
                          : t('exams.list.limit', { minutes: exam.timeLimitMinutes })}
                        {' · '}
                        {t('exams.list.passMark', { mark: exam.passMark })}
                        {left !== null && <> · {t('exams.list.attemptsLeft', { count: Math.max(0, left) })}</>}
                      </span>
                      {mine?.counted && (
                        <Typography.Text type={mine.counted.passed ? 'success' : 'secondary'}>
                          {mine.counted.mark === null
                            ? t('exams.list.grading')
                            : t('exams.list.counted', { mark: mine.counted.mark })}
                        </Typography.Text>
                      )}
                    </Flex>
                  }
                />
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}
