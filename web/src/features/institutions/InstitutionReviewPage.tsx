import {
  ArrowLeftOutlined,
  CheckOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
  RollbackOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Row, Space, Spin, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatMinute } from '../classes/cells';
import { PageHeader } from '../../ui/PageHeader';
import { useApplication } from './api';
import { DecisionDialog, type DialogAction } from './DecisionDialog';
import { TrainingRoomsCard } from './TrainingRoomsCard';
import {
  ApplicationDetails,
  DocumentList,
  InstitutionStatusTag,
  OverdueTag,
  RequirementList,
  ReviewTimeline,
  showsRequirements,
} from './parts';
import type { InstitutionAction } from './types';
import './institutions.css';

const BUTTONS: { action: DialogAction; icon: ReactNode; type?: 'primary'; danger?: boolean }[] = [
  { action: 'approve', icon: <CheckOutlined />, type: 'primary' },
  { action: 'return', icon: <RollbackOutlined /> },
  { action: 'reject', icon: <StopOutlined />, danger: true },
  { action: 'suspend', icon: <PauseCircleOutlined />, danger: true },
  { action: 'reinstate', icon: <PlayCircleOutlined />, type: 'primary' },
];

/**
 * An institution as its reviewers see it: details, documents (opened in a new tab), history and the decisions open
 * to the caller. Reached from the review queue and from the institutions list.
 */
export function InstitutionReviewPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const fromList = params.get('from') === 'list';
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const application = useApplication(id);
  const [action, setAction] = useState<DialogAction | null>(null);

  const back = (
    <Link to={fromList ? '/institutions' : '/institution-reviews'} className="yx-in-back">
      <ArrowLeftOutlined /> {fromList ? t('institutions.review.backToList') : t('institutions.review.back')}
    </Link>
  );
  if (!application.data) {
    return (
      <>
        {back}
        {application.error ? (
          <ErrorAlert error={application.error} />
        ) : (
          <Flex justify="center" style={{ padding: 48 }}>
            <Spin />
          </Flex>
        )}
      </>
    );
  }
  const a = application.data;
  const actions = BUTTONS.filter((b) => a.actions.includes(b.action as InstitutionAction));

  return (
    <>
      {back}
      <PageHeader
        title={
          <Flex gap={8} align="center" wrap>
            <span>{a.name}</span>
            <InstitutionStatusTag status={a.status} />
            {a.overdue && <OverdueTag />}
          </Flex>
        }
        extra={
          actions.length > 0 && (
            <Space wrap>
              {actions.map((b) => (
                <Button
                  key={b.action}
                  type={b.type}
                  danger={b.danger}
                  icon={b.icon}
                  onClick={() => setAction(b.action)}
                  data-testid={`institution-${b.action}`}
                >
                  {t(`institutions.review.${b.action}`)}
                </Button>
              ))}
            </Space>
          )
        }
      />
      {a.status === 'submitted' && (
        <Alert
          type={a.overdue ? 'error' : 'info'}
          showIcon
          className="yx-form-alert"
          title={`${t('institutions.application.dueAt', { time: formatMinute(a.reviewDueAt, i18n.language) })} · ${t('institutions.application.submittedAt', { time: formatMinute(a.submittedAt, i18n.language) })}`}
        />
      )}
      {a.status !== 'submitted' && a.statusReason && (
        <Alert
          type={a.status === 'active' ? 'success' : 'warning'}
          showIcon
          className="yx-form-alert"
          title={t('institutions.application.reason', { reason: a.statusReason })}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <div className="yx-in-stack">
            <ApplicationDetails application={a} />
            <Card size="small" title={t('institutions.application.documents')} data-testid="documents-card">
              {showsRequirements(a.status) && <RequirementList requirements={a.requirements} />}
              <Typography.Paragraph type="secondary" className="yx-in-sub" style={{ margin: '8px 0 0' }}>
                {t('institutions.review.documentsHint')}
              </Typography.Paragraph>
              <DocumentList documents={a.documents} />
            </Card>
            {(a.status === 'active' || a.status === 'suspended') && (
              <TrainingRoomsCard institutionId={a.id} editable={false} />
            )}
          </div>
        </Col>
        <Col xs={24} lg={9}>
          <ReviewTimeline reviews={a.reviews} />
        </Col>
      </Row>
      <DecisionDialog
        institution={a}
        action={action}
        onClose={() => setAction(null)}
        onDone={(done) => {
          if (done === 'approve' || done === 'return' || done === 'reject') void navigate('/institution-reviews');
        }}
      />
    </>
  );
}
