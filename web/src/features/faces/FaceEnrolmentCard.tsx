import { ScanOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { formatDateTime } from '../../ui/format';
import { QueryState } from '../../ui/QueryState';
import { useMyEnrolment, useRequestReenrolment } from './api';
import { FaceCamera } from './FaceCamera';
import { QualityRefusal } from './QualityRefusal';
import type { MyEnrolment } from './types';
import './faces.css';

const REQUEST_COLORS = { pending: 'processing', active: 'success', rejected: 'error', superseded: 'default' } as const;

/** The re-enrolment request: a reason and a new live photo; the institution decides. */
function ReenrolDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [photo, setPhoto] = useState<string | null>(null);
  const [missingPhoto, setMissingPhoto] = useState(false);
  const request = useRequestReenrolment();
  const close = () => {
    request.reset();
    setPhoto(null);
    setMissingPhoto(false);
    form.resetFields();
    onClose();
  };
  const submit = (values: { reason: string }) => {
    if (!photo) {
      setMissingPhoto(true);
      return;
    }
    request.mutate(
      { photo, reason: values.reason.trim() },
      {
        onSuccess: () => {
          void message.success(t('faces.profile.sent'));
          close();
        },
      },
    );
  };
  return (
    <Modal
      open={open}
      title={t('faces.profile.dialogTitle')}
      onCancel={close}
      okText={t('faces.profile.send')}
      okButtonProps={{ loading: request.isPending, id: 'reenrol-submit' }}
      onOk={() => form.submit()}
      destroyOnHidden
      width={560}
    >
      <Typography.Paragraph type="secondary">{t('faces.profile.dialogIntro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} name="reenrol">
        <Form.Item
          name="reason"
          label={t('faces.profile.reason')}
          rules={[{ required: true, whitespace: true, min: 2, max: 500, message: t('faces.profile.reasonRequired') }]}
        >
          <Input.TextArea
            rows={2}
            maxLength={500}
            placeholder={t('faces.profile.reasonPlaceholder')}
            data-testid="reenrol-reason"
          />
        </Form.Item>
        <Form.Item
          label={t('faces.profile.photo')}
          required
          validateStatus={missingPhoto && !photo ? 'error' : undefined}
          help={missingPhoto && !photo ? t('faces.profile.photoRequired') : undefined}
        >
          {photo ? (
            <div>
              <div className="yx-fc-camera" data-testid="face-photo">
                <img src={photo} alt={t('faces.profile.photo')} />
              </div>
              <div className="yx-fc-actions">
                <Button
                  onClick={() => {
                    request.reset();
                    setPhoto(null);
                  }}
                  data-testid="face-retake"
                >
                  {t('faces.enrol.retake')}
                </Button>
              </div>
            </div>
          ) : (
            open && <FaceCamera onCapture={setPhoto} />
          )}
        </Form.Item>
      </Form>
      <QualityRefusal error={request.error} />
    </Modal>
  );
}

function RequestLine({ request }: { request: NonNullable<MyEnrolment['request']> }) {
  const { t, i18n } = useTranslation();
  return (
    <Flex vertical gap={2}>
      <Flex gap={8} align="center" wrap>
        <Tag color={REQUEST_COLORS[request.status]} data-testid="reenrol-status" data-status={request.status}>
          {t(`faces.profile.requestStatus.${request.status}`)}
        </Tag>
        <Typography.Text type="secondary" className="yx-fc-sub">
          {t('faces.profile.requestedAt', { time: formatDateTime(request.requestedAt, i18n.language) })}
        </Typography.Text>
      </Flex>
      {request.note && (
        <Typography.Text className="yx-fc-sub">{t('faces.profile.note', { note: request.note })}</Typography.Text>
      )}
    </Flex>
  );
}

/** The learner's face enrolment on the profile page: status, the ID photo on file, and re-enrolment. */
export function FaceEnrolmentCard() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const mine = useMyEnrolment();
  const [dialog, setDialog] = useState(false);
  const data = mine.data;
  const pending = data?.request?.status === 'pending';
  return (
    <Card
      title={
        <span>
          <ScanOutlined style={{ color: '#1668dc', marginInlineEnd: 8 }} />
          {t('faces.profile.title')}
        </span>
      }
      data-testid="face-card"
      extra={
        data &&
        (data.status === 'none' ? (
          <Button type="primary" onClick={() => navigate('/face-enrolment?next=/profile')} data-testid="face-enrol-now">
            {t('faces.profile.enrolNow')}
          </Button>
        ) : (
          <Button onClick={() => setDialog(true)} disabled={pending} data-testid="reenrol-open">
            {t('faces.profile.reenrol')}
          </Button>
        ))
      }
    >
      <QueryState loading={mine.isLoading} error={mine.error} onRetry={() => void mine.refetch()}>
        {data && (
          <>
            <Descriptions
              column={1}
              size="small"
              items={[
                {
                  key: 'status',
                  label: t('faces.profile.title'),
                  children: (
                    <Tag
                      color={data.status === 'active' ? 'success' : 'warning'}
                      data-testid="face-status"
                      data-status={data.status}
                    >
                      {t(data.status === 'active' ? 'faces.profile.active' : 'faces.profile.none')}
                    </Tag>
                  ),
                },
                ...(data.enrolledAt
                  ? [
                      {
                        key: 'at',
                        label: t('faces.profile.enrolledAt'),
                        children: formatDateTime(data.enrolledAt, i18n.language),
                      },
                    ]
                  : []),
                {
                  key: 'id',
                  label: t('faces.profile.idPhoto'),
                  children: t(data.idPhotoOnFile ? 'faces.profile.idPhotoYes' : 'faces.profile.idPhotoNo'),
                },
                ...(data.request
                  ? [
                      {
                        key: 'request',
                        label: t('faces.profile.request'),
                        children: <RequestLine request={data.request} />,
                      },
                    ]
                  : []),
              ]}
            />
            {pending && <Alert type="info" showIcon title={t('faces.profile.pendingHint')} style={{ marginTop: 8 }} />}
            {data.status === 'none' && (
              <Alert type="warning" showIcon title={t('faces.enrol.laterHint')} style={{ marginTop: 8 }} />
            )}
          </>
        )}
      </QueryState>
      <ReenrolDialog open={dialog} onClose={() => setDialog(false)} />
    </Card>
  );
}
