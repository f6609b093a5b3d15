import { CameraOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cameraAvailable, captureJpeg, openCamera, stopStream } from '../learning-classes/scanner';

/**
 * The front camera, mirrored like a mirror, with an oval to put the face in; "Take photo" hands over a still JPEG
 * (not mirrored) as a data URL. The camera is released when the component goes away.
 */
export function FaceCamera({ onCapture }: { onCapture: (photo: string) => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLVideoElement>(null);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<'unsupported' | 'denied' | null>(null);

  useEffect(() => {
    if (!cameraAvailable()) {
      setError('unsupported');
      return;
    }
    let stream: MediaStream | null = null;
    let cancelled = false;
    openCamera('user').then(
      async (opened) => {
        if (cancelled) return stopStream(opened);
        stream = opened;
        const video = ref.current!;
        video.srcObject = opened;
        await video.play().catch(() => undefined);
        setReady(true);
      },
      () => !cancelled && setError('denied'),
    );
    return () => {
      cancelled = true;
      stopStream(stream);
    };
  }, []);

  if (error)
    return (
      <Alert
        type="warning"
        showIcon
        title={t(error === 'denied' ? 'faces.enrol.cameraDenied' : 'faces.enrol.cameraUnsupported')}
        data-testid="camera-error"
      />
    );
  return (
    <div>
      <div className="yx-fc-camera" data-testid="face-camera" data-ready={String(ready)}>
        <video ref={ref} playsInline muted autoPlay className="yx-fc-mirrored" />
        <div className="yx-fc-oval" />
        <div className="yx-fc-guide">{t('faces.enrol.guide')}</div>
      </div>
      <div className="yx-fc-actions">
        <Button
          type="primary"
          size="large"
          icon={<CameraOutlined />}
          disabled={!ready}
          data-testid="face-take"
          onClick={() => {
            const still = ref.current && captureJpeg(ref.current, 720, 0.9);
            if (still) onCapture(still);
          }}
        >
          {t('faces.enrol.take')}
        </Button>
      </div>
    </div>
  );
}
