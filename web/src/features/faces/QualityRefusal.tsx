import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { ErrorAlert, useErrorText } from '../../ui/ErrorAlert';
import type { QualityMeasures } from './types';

const QUALITY_CODES = new Set([
  'FACE_NO_FACE',
  'FACE_MULTIPLE_FACES',
  'FACE_TOO_SMALL',
  'FACE_TOO_DARK',
  'FACE_TOO_BRIGHT',
  'FACE_BLURRED',
  'FACE_NOT_FRONTAL',
]);

/**
 * Why the server refused a photo: its message (which rule failed), what to do about it, and what it measured on the
 * face, so that "too dark" is a number the learner can improve. Other errors show as usual.
 */
export function QualityRefusal({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const text = useErrorText();
  if (!error) return null;
  if (!isApiError(error) || !QUALITY_CODES.has(error.code))
    return <ErrorAlert error={error} className="yx-form-alert" />;
  const measures = error.details.measures as QualityMeasures | null | undefined;
  return (
    <Alert
      type="warning"
      showIcon
      className="yx-form-alert"
      data-testid="quality-refusal"
      data-code={error.code}
      data-reason={typeof error.details.reason === 'string' ? error.details.reason : ''}
      title={text(error).message}
      description={
        <>
          <div>{t(`faces.quality.${error.code}`)}</div>
          {measures && (
            <Typography.Text type="secondary" className="yx-fc-sub" data-testid="quality-measures">
              {t('faces.quality.measured', {
                brightness: Math.round(measures.brightness),
                sharpness: Math.round(measures.sharpness),
                yaw: Math.round(measures.yaw),
                pitch: Math.round(measures.pitch),
                share: Math.round(measures.faceShare * 100),
              })}
            </Typography.Text>
          )}
        </>
      }
    />
  );
}
