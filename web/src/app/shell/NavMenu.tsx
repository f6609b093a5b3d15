import {
  AppstoreOutlined,
  AuditOutlined,
  BankOutlined,
  ClusterOutlined,
  EditOutlined,
  FileSearchOutlined,
  GiftOutlined,
  HomeOutlined,
  SafetyCertificateOutlined,
  IdcardOutlined,
  ScheduleOutlined,
  TeamOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import { Menu } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import type { Me } from '../../api/types';
import { SECTION_PATHS, sectionOf, sectionsFor, type Section } from '../sections';

const ICONS: Record<Section, ReactNode> = {
  home: <HomeOutlined />,
  catalog: <AppstoreOutlined />,
  courses: <EditOutlined />,
  classes: <ScheduleOutlined />,
  review: <FileSearchOutlined />,
  occupations: <ClusterOutlined />,
  policies: <SafetyCertificateOutlined />,
  campaigns: <GiftOutlined />,
  users: <TeamOutlined />,
  institutions: <BankOutlined />,
  invitations: <UserAddOutlined />,
  audit: <AuditOutlined />,
  profile: <IdcardOutlined />,
};

export function NavMenu({ me, onNavigate }: { me: Me; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  return (
    <Menu
      mode="inline"
      selectedKeys={[sectionOf(pathname)]}
      style={{ borderInlineEnd: 'none' }}
      items={sectionsFor(me).map((section) => ({ key: section, icon: ICONS[section], label: t(`shell.${section}`) }))}
      onClick={({ key }) => {
        navigate(SECTION_PATHS[key as Section]);
        onNavigate?.();
      }}
    />
  );
}
