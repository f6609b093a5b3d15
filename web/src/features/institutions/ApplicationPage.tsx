import { EditOutlined, HomeOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Flex, Form, Modal, Row, Spin, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useMe } from '../../api/auth';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatMinute } from '../classes/cells';
import { PageHeader } from '../../ui/PageHeader';
import { useApplication, useSubmitApplication, useUpdateApplication } from './api';
import { normalizeCreditCode } from './credit-code';
import { DocumentsCard } from './DocumentsCard';
import { TrainingRoomsCard } from './TrainingRoomsCard';
import { InstitutionFormFields, showNestedFieldError } from './InstitutionFormFields';
import { ApplicationDetails, InstitutionStatusTag, ReviewTimeline } from './parts';
import type { Application, InstitutionFields, InstitutionStatus } from './types';
import './institutions.css';

const ALERT_TYPES: Record<InstitutionStatus, 'info' | 'success' | 'warning' | 'error'> = {
  draft: 'info',
  submitted: 'info',
  returned: 'warning',
  rejected: 'error',
  active: 'success',
  suspended: 'error',
};
const FIELDS = [
  'name',
  'kind',
  'creditCode',
  'regionCode',
  'address',
  'legalRepresentative',
  'contactName',
  'contactPhone',
  'businessScope',
] as const;

function StatusNotice({ application }: { application: Application }) {
  const { t, i18n } = useTranslation();
  const lines = [
    application.status === 'submitted' && application.submittedAt
      ? t('institutions.application.submittedAt', { time: formatMinute(application.submittedAt, i18n.language) })
      : null,
    application.status === 'submitted' && application.reviewDueAt
      ? t('institutions.application.dueAt', { time: formatMinute(application.reviewDueAt, i18n.language) })
      : null,
    ['returned', 'rejected', 'suspended'].includes(application.status) && application.statusReason
      ? t('institutions.application.reason', { reason: application.statusReason })
      : null,
  ].filter(Boolean);
  return (
    <Alert
      type={ALERT_TYPES[application.status]}
      showIcon
      className="yx-form-alert"
      data-testid="application-notice"
      title={t(`institutions.application.notice.${application.status}`)}
      description={lines.length ? lines.map((line) => <div key={line}>{line}</div>) : undefined}
    />
  );
}

function EditDialog({ application, open, onClose }: { application: Application; open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<InstitutionFields>();
  const update = useUpdateApplication();
  const [error, setError] = useState<unknown>(null);

  const onFinish = (values: InstitutionFields) => {
    setError(null);
    const phone = values.contactPhone?.trim();
    const input = {
      ...values,
      creditCode: normalizeCreditCode(values.creditCode),
      contactPhone: phone || undefined,
    } as InstitutionFields;
    update.mutate(
      { id: application.id, input },
      {
        onSuccess: () => {
          void message.success(t('institutions.application.saved'));
          onClose();
        },
        onError: (cause) => {
          if (!showNestedFieldError(form, cause, i18n.language, FIELDS, 'institution')) setError(cause);
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('institutions.application.edit')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('institutions.application.save')}
      cancelText={t('common.cancel')}
      confirmLoading={update.isPending}
      okButtonProps={{ id: 'application-save' }}
      destroyOnHidden
      width={640}
    >
      <ErrorAlert error={error} className="yx-form-alert" />
      <Form<InstitutionFields>
        form={form}
        name="application"
        layout="vertical"
        onFinish={onFinish}
        initialValues={{
          name: application.name,
          kind: application.kind,
          creditCode: application.creditCode,
          regionCode: application.regionCode,
          address: application.address ?? '',
          legalRepresentative: application.legalRepresentative ?? '',
          contactName: application.contactName ?? '',
          businessScope: application.businessScope ?? '',
        }}
      >
        <InstitutionFormFields keptPhone={application.contactPhoneMasked} />
      </Form>
    </Modal>
  );
}

/** The administrator's view of its institution's registration: status, details, documents, history, submission. */
export function ApplicationPage() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const me = useMe();
  const application = useApplication(me.data?.user.institutionId);
  const submit = useSubmitApplication();
  const [editing, setEditing] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>(null);

  if (!application.data) {
    return application.error ? (
      <ErrorAlert error={application.error} />
    ) : (
      <Flex justify="center" style={{ padding: 48 }}>
        <Spin />
      </Flex>
    );
  }
  const a = application.data;
  const can = (action: Application['actions'][number]) => a.actions.includes(action);
  const complete = a.requirements.every((r) => r.satisfied);

  const onSubmit = () => {
    setSubmitError(null);
    modal.confirm({
      title: t('institutions.application.submitConfirm'),
      content: t('institutions.application.submitBody'),
      okText: t('institutions.application.submit'),
      cancelText: t('common.cancel'),
      onOk: () =>
        submit.mutateAsync(a.id).then(
          () => void message.success(t('institutions.application.submitted')),
          (error: unknown) => setSubmitError(error),
        ),
    });
  };

  const submitButton = can('submit') ? (
    <Tooltip title={complete ? undefined : t('institutions.application.submitNeedsDocuments')}>
      <Button
        type="primary"
        icon={<SendOutlined />}
        disabled={!complete}
        loading={submit.isPending}
        onClick={onSubmit}
        data-testid="application-submit"
      >
        {t('institutions.application.submit')}
      </Button>
    </Tooltip>
  ) : a.status === 'active' ? (
    <Button icon={<HomeOutlined />} onClick={() => navigate('/')} data-testid="go-home">
      {t('institutions.application.goHome')}
    </Button>
  ) : null;

  return (
    <>
      <PageHeader
        title={
          <Flex gap={8} align="center" wrap>
            <span>{t('institutions.application.title')}</span>
            <InstitutionStatusTag status={a.status} />
          </Flex>
        }
        extra={submitButton}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {a.name}
      </Typography.Paragraph>
      <StatusNotice application={a} />
      <ErrorAlert error={submitError} className="yx-form-alert" />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <div className="yx-in-stack">
            <ApplicationDetails
              application={a}
              extra={
                can('edit') ? (
                  <Button
                    size="small"
                    icon={<EditOutlined />}
                    onClick={() => setEditing(true)}
                    data-testid="application-edit"
                  >
                    {t('institutions.application.edit')}
                  </Button>
                ) : undefined
              }
            />
            <DocumentsCard application={a} editable={can('edit')} />
            {/* Training rooms are declared once the institution operates (the server refuses them before). */}
            {(a.status === 'active' || a.status === 'suspended') && (
              <TrainingRoomsCard institutionId={a.id} editable={a.status === 'active'} />
            )}
          </div>
        </Col>
        <Col xs={24} lg={9}>
          <ReviewTimeline reviews={a.reviews} />
        </Col>
      </Row>
      {can('edit') && <EditDialog application={a} open={editing} onClose={() => setEditing(false)} />}
    </>
  );
}
