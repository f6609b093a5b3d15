import { Modal, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useIsMobile } from '../../ui/useIsMobile';
import { mediaUrl } from './api';
import type { Lesson } from './types';

/**
 * A plain HTML5 player for trying a lesson out. It is not the supervised learning player (face checks, anti-cheat,
 * credited time), so it says "preview" and records nothing.
 */
export function PreviewPlayer({ lesson, onClose }: { lesson: Lesson | null; onClose: () => void }) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const mediaId = lesson?.mediaId;
  return (
    <Modal
      open={!!lesson && !!mediaId}
      onCancel={onClose}
      footer={null}
      width={mobile ? '100%' : 880}
      centered
      destroyOnHidden
      title={
        <span className="yx-preview-title">
          <Tag color="orange">{t('catalog.preview.tag')}</Tag>
          <span className="yx-ellipsis">{lesson?.title}</span>
        </span>
      }
    >
      {mediaId && (
        <div data-testid="preview-player">
          <video
            className="yx-preview-video"
            controls
            autoPlay
            playsInline
            preload="metadata"
            controlsList="nodownload"
            src={mediaUrl(mediaId, 'video.mp4')}
            poster={mediaUrl(mediaId, 'poster.jpg')}
          />
          <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
            {t('catalog.preview.note')}
          </Typography.Paragraph>
        </div>
      )}
    </Modal>
  );
}
