import { CheckCircleFilled, FilePdfOutlined, UploadOutlined, VideoCameraOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Progress, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useMedia } from './api';
import { formatBytes, formatDuration } from './format';
import type { LessonKind, Media } from './types';
import { uploadMedia, type UploadProgress } from './upload';

const ACCEPT: Record<LessonKind, string> = {
  video: 'video/*,.mp4,.mov,.webm,.mkv,.avi,.flv,.3gp',
  document: 'application/pdf,.pdf',
};

type Props = {
  kind: LessonKind;
  /** Called with the media as it changes (uploaded, transcoding, ready, failed), or null when cleared. */
  onMedia: (media: Media | null) => void;
};

/**
 * Picks a file and uploads it with a real progress bar, then, for a video, follows the server's transcoding progress
 * until the video is ready (with its probed duration) or has failed (with the server's reason).
 */
export function MediaUpload({ kind, onMedia }: Props) {
  const { t, i18n } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const abort = useRef<AbortController | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const [uploaded, setUploaded] = useState<Media | null>(null);
  const media = useMedia(uploaded?.id ?? null, uploaded ?? undefined);
  const current = media.data ?? uploaded;

  // The server decides the type by the content: a PDF chosen for a video lesson is a document, and of no use here.
  const wrongKind = !!current && current.kind !== kind;
  useEffect(() => onMedia(current && !wrongKind ? current : null), [current, wrongKind, onMedia]);
  useEffect(() => () => abort.current?.abort(), []);

  const start = (chosen: File) => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setFile(chosen);
    setUploaded(null);
    setUploadError(null);
    setProgress({ loaded: 0, total: chosen.size });
    uploadMedia(chosen, i18n.language, setProgress, controller.signal).then(
      (result) => {
        if (!controller.signal.aborted) setUploaded(result);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setProgress(null);
        setUploadError(error);
      },
    );
  };

  const cancel = () => {
    abort.current?.abort();
    abort.current = null;
    setFile(null);
    setProgress(null);
  };

  const uploading = !!file && !uploaded && !uploadError && !!progress;
  const percent = progress && progress.total > 0 ? Math.floor((progress.loaded / progress.total) * 100) : 0;

  return (
    <div className="yx-au-media-upload" data-testid="media-upload">
      <input
        ref={input}
        type="file"
        accept={ACCEPT[kind]}
        style={{ display: 'none' }}
        data-testid="media-file-input"
        onChange={(event) => {
          const chosen = event.target.files?.[0];
          event.target.value = '';
          if (chosen) start(chosen);
        }}
      />
      <Flex gap={12} align="center" wrap>
        <Button
          icon={<UploadOutlined />}
          onClick={() => input.current?.click()}
          disabled={uploading}
          data-testid="media-choose"
        >
          {file
            ? t('authoring.upload.chooseAgain')
            : t(kind === 'video' ? 'authoring.upload.chooseVideo' : 'authoring.upload.chooseDocument')}
        </Button>
        {!file && (
          <Typography.Text type="secondary">
            {t(kind === 'video' ? 'authoring.upload.videoHint' : 'authoring.upload.documentHint')}
          </Typography.Text>
        )}
      </Flex>

      {file && (
        <div className="yx-au-media-upload-file">
          <Flex gap={8} align="center" className="yx-au-media-upload-name">
            {kind === 'video' ? <VideoCameraOutlined /> : <FilePdfOutlined />}
            <Typography.Text ellipsis={{ tooltip: file.name }} style={{ minWidth: 0 }}>
              {file.name}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ flex: 'none' }}>
              {formatBytes(file.size)}
            </Typography.Text>
          </Flex>

          {uploading && (
            <div data-testid="upload-progress" data-percent={percent}>
              <Flex justify="space-between" wrap gap={8}>
                <Typography.Text>{t('authoring.upload.uploading', { percent })}</Typography.Text>
                <Typography.Text type="secondary">
                  {formatBytes(progress.loaded)} / {formatBytes(progress.total)}
                </Typography.Text>
              </Flex>
              <Progress percent={percent} status="active" showInfo={false} />
              <Button size="small" onClick={cancel}>
                {t('authoring.upload.cancel')}
              </Button>
            </div>
          )}

          {uploadError != null && (
            <div data-testid="upload-failed">
              <Typography.Text type="danger">{t('authoring.upload.uploadFailed')}</Typography.Text>
              <ErrorAlert error={uploadError} />
            </div>
          )}

          {wrongKind && (
            <Alert
              type="error"
              showIcon
              data-testid="media-wrong-kind"
              title={t(kind === 'video' ? 'authoring.upload.notVideo' : 'authoring.upload.notDocument')}
            />
          )}
          {current && !wrongKind && <MediaState media={current} />}
        </div>
      )}
    </div>
  );
}

/** After the upload: the server's processing of the file. */
function MediaState({ media }: { media: Media }) {
  const { t } = useTranslation();
  if (media.status === 'failed') {
    return (
      <Alert
        type="error"
        showIcon
        data-testid="media-failed"
        title={t(`authoring.mediaErrors.${media.errorCode ?? 'MEDIA_PROCESSING_FAILED'}`, {
          defaultValue: t('authoring.mediaErrors.MEDIA_PROCESSING_FAILED'),
        })}
        description={media.error ? t('authoring.upload.reason', { reason: media.error }) : undefined}
      />
    );
  }
  if (media.status !== 'ready') {
    return (
      <div data-testid="transcode-progress" data-progress={media.progress}>
        <Flex justify="space-between" wrap gap={8}>
          <Typography.Text>
            <CheckCircleFilled style={{ color: '#52c41a' }} /> {t('authoring.upload.uploaded')}
          </Typography.Text>
          <Typography.Text strong>
            {media.status === 'uploaded'
              ? t('authoring.upload.queued')
              : t('authoring.upload.transcoding', { progress: media.progress })}
          </Typography.Text>
        </Flex>
        <Progress percent={media.progress} status="active" strokeColor="#13a8a8" showInfo={false} />
        <Typography.Text type="secondary">{t('authoring.upload.transcodingHint')}</Typography.Text>
      </div>
    );
  }
  return (
    <div data-testid="media-ready">
      <Progress percent={100} status="success" showInfo={false} />
      <Typography.Text>
        <CheckCircleFilled style={{ color: '#52c41a' }} /> {t('authoring.upload.ready')}
        {media.kind === 'video' && (
          <>
            {' · '}
            <span data-testid="media-duration" data-seconds={media.durationSeconds ?? ''}>
              {t('authoring.upload.duration', { duration: formatDuration(media.durationSeconds) })}
            </span>
            {media.width && media.height ? ` · ${media.width}×${media.height}` : ''}
          </>
        )}
        {media.kind === 'document' && media.pageCount !== null && (
          <> · {t('authoring.upload.pages', { count: media.pageCount })}</>
        )}
      </Typography.Text>
    </div>
  );
}
