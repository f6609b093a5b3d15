import {
  AccountBookOutlined,
  AppstoreOutlined,
  MoneyCollectOutlined,
  PayCircleOutlined,
  CalendarOutlined,
  DatabaseOutlined,
  FileTextOutlined,
  AreaChartOutlined,
  AlertOutlined,
  NodeIndexOutlined,
  ReconciliationOutlined,
  ScanOutlined,
  AuditOutlined,
  BankOutlined,
  FileDoneOutlined,
  FileProtectOutlined,
  ClusterOutlined,
  ContactsOutlined,
  EditOutlined,
  FileSearchOutlined,
  GiftOutlined,
  HomeOutlined,
  SafetyCertificateOutlined,
  IdcardOutlined,
  RollbackOutlined,
  StarOutlined,
  ScheduleOutlined,
  SolutionOutlined,
  CarryOutOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import { Menu } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import type { Me } from '../../api/types';
import { restrictSections } from '../../features/institutions/InstitutionGate';
import { useRestrictedInstitution } from '../../features/institutions/api';
import { SECTION_PATHS, sectionOf, sectionsFor, type Section } from '../sections';

const ICONS: Record<Section, ReactNode> = {
  home: <HomeOutlined />,
  application: <FileProtectOutlined />,
  catalog: <AppstoreOutlined />,
  myClasses: <SolutionOutlined />,
  openClasses: <CarryOutOutlined />,
  courses: <EditOutlined />,
  classes: <ScheduleOutlined />,
  teachers: <ContactsOutlined />,
  review: <FileSearchOutlined />,
  institutionReview: <FileDoneOutlined />,
  occupations: <ClusterOutlined />,
  policies: <SafetyCertificateOutlined />,
  campaigns: <GiftOutlined />,
  users: <TeamOutlined />,
  institutions: <BankOutlined />,
  invitations: <UserAddOutlined />,
  audit: <AuditOutlined />,
  profile: <IdcardOutlined />,
  dashboard: <AreaChartOutlined />,
  trace: <NodeIndexOutlined />,
  inspection: <ReconciliationOutlined />,
  alerts: <AlertOutlined />,
  faces: <ScanOutlined />,
  calendar: <CalendarOutlined />,
  certificates: <TrophyOutlined />,
  questionBanks: <DatabaseOutlined />,
  papers: <FileTextOutlined />,
  subsidies: <AccountBookOutlined />,
  subsidyBatches: <PayCircleOutlined />,
  mySubsidies: <MoneyCollectOutlined />,
  recovery: <RollbackOutlined />,
  credit: <StarOutlined />,
};

export function NavMenu({ me, onNavigate }: { me: Me; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  // The administrator of an institution that is not active sees only what its application allows.
  const { restricted } = useRestrictedInstitution(me);
  return (
    <Menu
      mode="inline"
      selectedKeys={[sectionOf(pathname)]}
      style={{ borderInlineEnd: 'none' }}
      items={restrictSections(sectionsFor(me), restricted).map((section) => ({
        key: section,
        icon: ICONS[section],
        label: t(`shell.${section}`),
      }))}
      onClick={({ key }) => {
        void navigate(SECTION_PATHS[key as Section]);
        onNavigate?.();
      }}
    />
  );
}
