import { ArrowLeftOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useMe } from '../../api/auth';
import { can } from '../../app/sections';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { QueryState } from '../../ui/QueryState';
import { useLearnerFaces, useUploadIdPhoto } from './api';
import { AlertList } from './AlertList';
import { DistanceTag } from './DistanceTag';
import { PhotoTile } from './PhotoTile';
import { QualityRefusal } from './QualityRefusal';
import { measuresText } from './ReviewDrawer';
import './faces.css';

const readAsDataUrl = (file: Blob) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    // readAsDataURL yields a string.
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error('could not read the file'));
    reader.readAsDataURL(file);
  });

/**
 * One learner's faces as staff see them: the live enrolment and the ID photo side by side with the distance between
 * them and their quality, a re-enrolment waiting for review, the ID photo upload (institution, operator) and the
 * learner's face alerts.
 */
export function LearnerFacesPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { userId = '' } = useParams();
  const me = useMe().data;
  const faces = useLearnerFaces(userId);
  const upload = useUploadIdPhoto(userId);
  const mayUpload = !!me && can(me, 'faces.id_photo');
  const data = faces.data;
  const since = (at: string) => (
    <Typography.Text type="secondary" className="yx-fc-sub">
      {t('faces.learner.since', { time: formatDateTime(at, i18n.language) })}
    </Typography.Text>
  );

  return (
    <>
      <Link to="/faces" className="yx-fc-back">
        <ArrowLeftOutlined /> {t('faces.learner.back')}
      </Link>
      <PageHeader title={t('faces.learner.title', { name: data?.name ?? '' })} />
      <QueryState loading={faces.isLoading} error={faces.error} onRetry={() => void faces.refetch()}>
        {data && (
          <Flex vertical gap={16}>
            <Card>
              <div className="yx-fc-photos">
                <PhotoTile
                  title={t('faces.learner.live')}
                  enrolmentId={data.live?.id}
                  empty={t('faces.learner.liveNone')}
                  testId="learner-live"
                >
                  {data.live && since(data.live.createdAt)}
                  {data.live && (
                    <Typography.Text className="yx-fc-sub">{measuresText(t, data.live.quality)}</Typography.Text>
                  )}
                </PhotoTile>
                <PhotoTile
                  title={t('faces.learner.idPhoto')}
                  enrolmentId={data.idPhoto?.id}
                  empty={t('faces.learner.idPhotoNone')}
                  testId="learner-id-photo"
                >
                  {data.idPhoto && since(data.idPhoto.createdAt)}
                  {data.idPhoto && (
                    <div data-testid="id-photo-distance">
                      <DistanceTag distance={data.idPhoto.comparedDistance} matches={data.idPhoto.matchesCompared} />
                    </div>
                  )}
                  {mayUpload && (
                    <Upload
                      accept="image/jpeg,image/png"
                      showUploadList={false}
                      beforeUpload={(file) => {
                        void readAsDataUrl(file).then((photo) =>
                          upload.mutate(photo, { onSuccess: () => void message.success(t('faces.learner.uploaded')) }),
                        );
                        return false;
                      }}
                    >
                      <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="id-photo-upload">
                        {t(data.idPhoto ? 'faces.learner.replace' : 'faces.learner.upload')}
                      </Button>
                    </Upload>
                  )}
                  {mayUpload && (
                    <Typography.Text type="secondary" className="yx-fc-sub">
                      {t('faces.learner.uploadHint')}
                    </Typography.Text>
                  )}
                </PhotoTile>
                {data.pending && (
                  <PhotoTile
                    title={t('faces.learner.pending')}
                    enrolmentId={data.pending.id}
                    empty="—"
                    testId="learner-pending"
                  >
                    {since(data.pending.createdAt)}
                    <DistanceTag distance={data.pending.comparedDistance} matches={data.pending.matchesCompared} />
                    <Typography.Text className="yx-fc-sub">{data.pending.reason}</Typography.Text>
                  </PhotoTile>
                )}
              </div>
              <QualityRefusal error={upload.error} />
            </Card>
            <Card title={t('faces.learner.alerts')}>
              <AlertList userId={userId} compact />
            </Card>
          </Flex>
        )}
      </QueryState>
    </>
  );
}
