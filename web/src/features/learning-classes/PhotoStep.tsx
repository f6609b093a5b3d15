import { CameraOutlined, RedoOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CameraView } from './CameraView';
import { captureJpeg } from './scanner';

type Props = {
  consent: boolean;
  onConsent: (agreed: boolean) => void;
  photo: string | null;
  onPhoto: (photo: string | null) => void;
};

/** Consent, then a live photo from the front camera as a still JPEG. */
export function PhotoStep({ consent, onConsent, photo, onPhoto }: Props) {
  const { t } = useTranslation();
  const [cameraOn, setCameraOn] = useState(false);
  const [video, setVideo] = useState<HTMLVideoElement | null>(null);
  const [error, setError] = useState<'unsupported' | 'denied' | null>(null);

  if (photo) {
    return (
      <Flex gap={12} align="center" wrap data-testid="photo-taken">
        <img src={photo} alt={t('learnerClasses.scan.photoTaken')} className="yx-lc-photo" />
        <Flex vertical gap={6}>
          <Typography.Text type="success">{t('learnerClasses.scan.photoTaken')}</Typography.Text>
          <Button
            icon={<RedoOutlined />}
            onClick={() => {
              onPhoto(null);
              setCameraOn(true);
            }}
            data-testid="photo-retake"
          >
            {t('learnerClasses.scan.retake')}
          </Button>
        </Flex>
      </Flex>
    );
  }
  return (
    <Flex vertical gap={10}>
      <Typography.Paragraph className="yx-lc-consent">{t('learnerClasses.scan.consent')}</Typography.Paragraph>
      <Checkbox checked={consent} onChange={(e) => onConsent(e.target.checked)} data-testid="photo-consent">
        {t('learnerClasses.scan.agree')}
      </Checkbox>
      {error && (
        <Alert
          type="warning"
          showIcon
          title={t(error === 'denied' ? 'learnerClasses.scan.cameraDenied' : 'learnerClasses.scan.cameraUnsupported')}
        />
      )}
      {consent && !cameraOn && (
        <Button
          icon={<CameraOutlined />}
          onClick={() => {
            setError(null);
            setCameraOn(true);
          }}
          data-testid="photo-open"
        >
          {t('learnerClasses.scan.openFront')}
        </Button>
      )}
      {consent && cameraOn && (
        <>
          <CameraView
            facing="user"
            mirrored
            onVideo={setVideo}
            onError={(e) => {
              setError(e);
              setCameraOn(false);
            }}
            testId="front-camera"
          />
          <Button
            type="primary"
            icon={<CameraOutlined />}
            disabled={!video}
            data-testid="photo-take"
            onClick={() => {
              const still = video && captureJpeg(video);
              if (still) {
                onPhoto(still);
                setCameraOn(false);
              }
            }}
          >
            {t('learnerClasses.scan.takePhoto')}
          </Button>
        </>
      )}
    </Flex>
  );
}
