import { App, Button, Card, Flex, Form, Input, InputNumber, Modal, Select, Space, Spin, Table, Tag } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useMe } from '../../api/auth';
import { ErrorAlert, useErrorText } from '../../ui/ErrorAlert';
import { examApi, examsKey, useClassAssessment, useClassExams } from './api';
import { SetExamDialog } from './SetExamDialog';
import type { LearnerAssessment } from './types';
import './exams.css';

type ScoreForm = { itemId: string; score: number; evidence: string };

/**
 * A class's assessment for staff and regulators: its exams (with the grading queue), the practical items, the
 * assessor's score entry with evidence (media ids from the media library), and per learner theory, practical and the
 * outcome — passed only when both reach the pass mark.
 */
export function AssessmentPage() {
  const { id: classId = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const me = useMe();
  const assessment = useClassAssessment(classId);
  const exams = useClassExams(classId);
  const [entering, setEntering] = useState<LearnerAssessment | null>(null);
  const [itemsOpen, setItemsOpen] = useState(false);
  const [setting, setSetting] = useState(false);
  const [form] = Form.useForm<ScoreForm>();
  const [itemsForm] = Form.useForm<{ items: { title: string; maxScore: number }[] }>();
  const permissions = new Set(me.data?.permissions ?? []);
  const canAssess = permissions.has('exams.assess');
  const canManage = permissions.has('exams.manage');
  const canGrade = permissions.has('exams.grade');

  if (assessment.error) return <ErrorAlert error={assessment.error} />;
  if (!assessment.data) return <Spin className="yx-exam-loading" />;
  const data = assessment.data;
  const refresh = () => client.invalidateQueries({ queryKey: [...examsKey, 'assessment', classId] });

  const enter = async (values: ScoreForm) => {
    if (!entering) return;
    try {
      await examApi.enterScore(classId, {
        learnerId: entering.learnerId,
        itemId: values.itemId,
        score: values.score,
        evidenceMediaIds: values.evidence
          .split(/[\s,，]+/)
          .map((s) => s.trim())
          .filter(Boolean),
      });
      void message.success(t('exams.assessment.saved'));
      setEntering(null);
      form.resetFields();
      await refresh();
    } catch (e) {
      void message.error(errorText(e).message);
    }
  };

  const saveItems = async (values: { items: { title: string; maxScore: number }[] }) => {
    try {
      await examApi.setItems(classId, values.items);
      setItemsOpen(false);
      await refresh();
    } catch (e) {
      void message.error(errorText(e).message);
    }
  };

  const mark = (value: number | null, passed: boolean) =>
    value === null ? <Tag>{t('exams.assessment.none')}</Tag> : <Tag color={passed ? 'green' : 'red'}>{value}</Tag>;

  return (
    <Space direction="vertical" size={16} className="yx-exam-items">
      {setting && (
        <SetExamDialog
          classId={classId}
          defaultPassMark={data.passMarks.theoryDefault}
          onClose={(saved) => {
            setSetting(false);
            if (saved) void client.invalidateQueries({ queryKey: examsKey });
          }}
        />
      )}
      <Card
        title={t('exams.assessment.exams')}
        className="yx-exam-card"
        extra={
          canManage && (
            <Button type="primary" onClick={() => setSetting(true)} data-testid="set-exam-open">
              {t('exams.set.open')}
            </Button>
          )
        }
      >
        {exams.data?.length ? (
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            scroll={{ x: true }}
            dataSource={exams.data}
            columns={[
              { title: t('exams.assessment.exam'), dataIndex: 'title' },
              { title: t('exams.assessment.kind'), dataIndex: 'kind', render: (k: string) => t(`exams.kind.${k}`) },
              { title: t('exams.assessment.passMark'), dataIndex: 'passMark' },
              {
                title: '',
                key: 'grading',
                render: (_, exam) =>
                  canGrade && (
                    <Link to={`/classes/${classId}/exams/${exam.id}/grading`}>{t('exams.grading.open')}</Link>
                  ),
              },
            ]}
          />
        ) : (
          t('exams.assessment.noExams')
        )}
      </Card>
      <Card
        title={t('exams.assessment.title')}
        className="yx-exam-card"
        extra={
          canManage && (
            <Button
              onClick={() => {
                itemsForm.setFieldsValue({ items: data.items.length ? data.items : [{ title: '', maxScore: 100 }] });
                setItemsOpen(true);
              }}
            >
              {t('exams.assessment.editItems')}
            </Button>
          )
        }
      >
        <Flex gap={8} wrap className="yx-exam-marks">
          <Tag>{t('exams.assessment.theoryMark', { mark: data.passMarks.theory ?? '—' })}</Tag>
          <Tag>{t('exams.assessment.practicalMark', { mark: data.passMarks.practical })}</Tag>
          {data.items.map((i) => (
            <Tag key={i.id} color="blue">
              {i.title} ({i.maxScore})
            </Tag>
          ))}
        </Flex>
        <Table
          size="small"
          rowKey="learnerId"
          scroll={{ x: true }}
          dataSource={data.learners}
          columns={[
            {
              title: t('exams.assessment.learner'),
              dataIndex: 'learnerName',
              render: (name: string) => <span className="yx-exam-nowrap">{name}</span>,
            },
            { title: t('exams.assessment.theory'), key: 't', render: (_, l) => mark(l.theoryScore, l.theoryPassed) },
            {
              title: t('exams.assessment.practical'),
              key: 'p',
              render: (_, l) => mark(l.practicalScore, l.practicalPassed),
            },
            {
              title: t('exams.assessment.outcome'),
              key: 'o',
              render: (_, l) => (
                <Tag color={l.passed ? 'success' : 'default'} data-testid="assessment-outcome">
                  {t(l.passed ? 'exams.assessment.passed' : 'exams.assessment.notPassed')}
                </Tag>
              ),
            },
            {
              title: '',
              key: 'enter',
              render: (_, l) =>
                canAssess &&
                data.items.length > 0 && (
                  <Button size="small" onClick={() => setEntering(l)}>
                    {t('exams.assessment.enter')}
                  </Button>
                ),
            },
          ]}
        />
      </Card>
      <Modal
        open={!!entering}
        title={t('exams.assessment.enterFor', { name: entering?.learnerName ?? '' })}
        onCancel={() => setEntering(null)}
        onOk={() => form.submit()}
        okText={t('exams.assessment.save')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void enter(v)} initialValues={{ evidence: '' }}>
          <Form.Item name="itemId" label={t('exams.assessment.item')} rules={[{ required: true }]}>
            <Select options={data.items.map((i) => ({ value: i.id, label: `${i.title} (${i.maxScore})` }))} />
          </Form.Item>
          <Form.Item name="score" label={t('exams.assessment.score')} rules={[{ required: true }]}>
            <InputNumber min={0} max={100} step={0.5} />
          </Form.Item>
          <Form.Item name="evidence" label={t('exams.assessment.evidence')} extra={t('exams.assessment.evidenceHelp')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={itemsOpen}
        title={t('exams.assessment.editItems')}
        onCancel={() => setItemsOpen(false)}
        onOk={() => itemsForm.submit()}
        destroyOnHidden
      >
        <Form form={itemsForm} onFinish={(v) => void saveItems(v)}>
          <Form.List name="items">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Flex key={field.key} gap={8} align="baseline">
                    <Form.Item name={[field.name, 'title']} rules={[{ required: true }]} className="yx-exam-grow">
                      <Input placeholder={t('exams.assessment.item')} maxLength={100} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'maxScore']} rules={[{ required: true }]}>
                      <InputNumber min={1} max={100} />
                    </Form.Item>
                    <Button onClick={() => remove(field.name)}>−</Button>
                  </Flex>
                ))}
                <Button onClick={() => add({ title: '', maxScore: 10 })}>{t('exams.assessment.addItem')}</Button>
              </>
            )}
          </Form.List>
        </Form>
      </Modal>
    </Space>
  );
}
