import { Alert, App, Button, Descriptions, Drawer, Flex, Form, Input, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../app/sections';
import { useMe } from '../../api/auth';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { useIsMobile } from '../../ui/useIsMobile';
import { useDecideReenrolment, useLearnerFaces } from './api';
import { DistanceTag } from './DistanceTag';
import { PhotoTile } from './PhotoTile';
import type { QualityMeasures, ReenrolmentRequest } from './types';

export function measuresText(t: TFunction, q: QualityMeasures): string {
  return t('faces.learner.measures', {
    brightness: Math.round(q.brightness),
    sharpness: Math.round(q.sharpness),
    yaw: Math.round(q.yaw),
    pitch: Math.round(q.pitch),
    share: Math.round(q.faceShare * 100),
  });
}

/**
 * One re-enrolment request: the current photo, the new one and the ID photo side by side with the distance between
 * the new face and the current one, the learner's reason, and — for the learner's institution — approve or reject
 * with a note (required to reject, shown to the learner).
 */
export function ReviewDrawer({ request, onClose }: { request: ReenrolmentRequest | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const mobile = useIsMobile();
  const me = useMe().data;
  const faces = useLearnerFaces(request?.userId);
  const decide = useDecideReenrolment();
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState(false);
  const mayDecide = !!me && can(me, 'faces.review') && request?.status === 'pending';

  const close = () => {
    decide.reset();
    setNote('');
    setNoteError(false);
    onClose();
  };
  const act = (decision: 'approve' | 'reject') => {
    if (!request) return;
    if (decision === 'reject' && note.trim().length < 2) {
      setNoteError(true);
      return;
    }
    decide.mutate(
      { id: request.id, decision, note: note.trim() || undefined },
      {
        onSuccess: () => {
          void message.success(t(decision === 'approve' ? 'faces.review.approved' : 'faces.review.rejected'));
          close();
        },
      },
    );
  };
  const decision = mayDecide ? (
    <Flex gap={8}>
      <Button
        danger
        onClick={() => act('reject')}
        loading={decide.isPending && decide.variables?.decision === 'reject'}
        data-testid="review-reject"
      >
        {t('faces.review.reject')}
      </Button>
      <Button
        type="primary"
        onClick={() => act('approve')}
        loading={decide.isPending && decide.variables?.decision === 'approve'}
        data-testid="review-approve"
      >
        {t('faces.review.approve')}
      </Button>
    </Flex>
  ) : null;
  // The current face: the active live enrolment, unless this request has become it.
  const current = faces.data?.live && faces.data.live.id !== request?.id ? faces.data.live : null;

  return (
    <Drawer
      open={!!request}
      onClose={close}
      width={mobile ? '100%' : 760}
      title={request ? t('faces.review.title', { name: request.userName }) : ''}
      destroyOnHidden
      data-testid="review-drawer"
      // On a phone the decision sits under the photos, where the thumb is; on a wide screen beside the title.
      extra={!mobile && decision}
      footer={mobile && decision ? <Flex justify="flex-end">{decision}</Flex> : undefined}
    >
      {request && (
        <Flex vertical gap={16}>
          {request.matchesCompared === false && (
            <Alert type="warning" showIcon title={t('faces.review.mismatchWarning')} data-testid="review-mismatch" />
          )}
          <div className="yx-fc-photos">
            <PhotoTile
              title={t('faces.review.current')}
              enrolmentId={current?.id ?? null}
              empty="—"
              testId="review-current"
            >
              {current && (
                <Typography.Text type="secondary" className="yx-fc-sub">
                  {t('faces.learner.since', { time: formatDateTime(current.createdAt, i18n.language) })}
                </Typography.Text>
              )}
            </PhotoTile>
            <PhotoTile title={t('faces.review.requested')} enrolmentId={request.id} empty="—" testId="review-requested">
              <DistanceTag distance={request.comparedDistance} matches={request.matchesCompared} />
            </PhotoTile>
            <PhotoTile
              title={t('faces.review.idPhoto')}
              enrolmentId={faces.data?.idPhoto?.id}
              empty={t('faces.review.noIdPhoto')}
              testId="review-id-photo"
            >
              {faces.data?.idPhoto && (
                <DistanceTag
                  distance={faces.data.idPhoto.comparedDistance}
                  matches={faces.data.idPhoto.matchesCompared}
                />
              )}
            </PhotoTile>
          </div>
          <Descriptions
            column={1}
            size="small"
            items={[
              {
                key: 'reason',
                label: t('faces.review.reason'),
                children: <span data-testid="review-reason">{request.reason}</span>,
              },
              {
                key: 'at',
                label: t('faces.staff.requestedAt'),
                children: formatDateTime(request.createdAt, i18n.language),
              },
              { key: 'quality', label: t('faces.review.quality'), children: measuresText(t, request.quality) },
              ...(request.decidedAt
                ? [
                    {
                      key: 'decided',
                      label: t('faces.staff.status'),
                      children: `${t('faces.review.decidedBy', { time: formatDateTime(request.decidedAt, i18n.language) })}${request.decisionNote ? ` · ${request.decisionNote}` : ''}`,
                    },
                  ]
                : []),
            ]}
          />
          {mayDecide ? (
            <Form layout="vertical">
              <Form.Item
                label={t('faces.review.note')}
                validateStatus={noteError ? 'error' : undefined}
                help={noteError ? t('faces.review.noteRequired') : undefined}
              >
                <Input.TextArea
                  rows={2}
                  maxLength={500}
                  value={note}
                  onChange={(e) => {
                    setNote(e.target.value);
                    setNoteError(false);
                  }}
                  placeholder={t('faces.review.notePlaceholder')}
                  id="review-note"
                />
              </Form.Item>
            </Form>
          ) : (
            request.status === 'pending' && (
              <Typography.Text type="secondary">{t('faces.staff.readOnly')}</Typography.Text>
            )
          )}
          <ErrorAlert error={decide.error ?? faces.error} className="yx-form-alert" />
        </Flex>
      )}
    </Drawer>
  );
}
