import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Divider, Select, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useDeleteDocument, useUploadDocument } from './api';
import { DocumentList, RequirementList, showsRequirements } from './parts';
import { DOCUMENT_KINDS, type Application, type DocumentKind } from './types';

/** The kind to offer first: what is still missing, else "other". */
function suggestedKind(application: Application): DocumentKind {
  return application.requirements.find((r) => !r.satisfied)?.kinds[0] ?? 'other';
}

/** Required documents ticked off, the upload (while the application is editable) and the files themselves. */
export function DocumentsCard({ application, editable }: { application: Application; editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const upload = useUploadDocument(application.id);
  const remove = useDeleteDocument(application.id);
  const [chosen, setChosen] = useState<DocumentKind | null>(null);
  const [error, setError] = useState<unknown>(null);
  const kind = chosen ?? suggestedKind(application);

  return (
    <Card size="small" title={t('institutions.application.documents')} data-testid="documents-card">
      {showsRequirements(application.status) && <RequirementList requirements={application.requirements} />}
      {editable && (
        <>
          <div className="yx-in-upload" data-testid="document-upload">
            <Select<DocumentKind>
              value={kind}
              onChange={setChosen}
              aria-label={t('institutions.application.uploadKind')}
              data-testid="document-kind"
              options={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`institutions.documentKind.${k}`) }))}
            />
            <Upload
              accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
              showUploadList={false}
              customRequest={({ file }) => {
                setError(null);
                upload.mutate(
                  { kind, file: file as File },
                  {
                    onSuccess: (document) => {
                      void message.success(t('institutions.application.uploaded', { name: document.fileName }));
                      setChosen(null);
                    },
                    onError: setError,
                  },
                );
              }}
            >
              <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="document-choose">
                {t('institutions.application.upload')}
              </Button>
            </Upload>
          </div>
          <Typography.Text type="secondary" className="yx-in-sub">
            {t('institutions.application.uploadHint')}
          </Typography.Text>
          <ErrorAlert error={error ?? remove.error} className="yx-form-alert" />
        </>
      )}
      {(editable || showsRequirements(application.status)) && <Divider style={{ margin: '12px 0 0' }} />}
      <DocumentList
        documents={application.documents}
        deleting={remove.isPending ? remove.variables : null}
        onDelete={
          editable
            ? (d) =>
                remove.mutate(d.id, { onSuccess: () => void message.success(t('institutions.application.deleted')) })
            : undefined
        }
      />
    </Card>
  );
}
