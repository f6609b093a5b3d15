import { Flex, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate } from 'react-router-dom';
import { useMe } from '../../api/auth';
import type { Section } from '../../app/sections';
import { useRestrictedInstitution } from './api';

/** What the administrator of an institution that is not active can use: its application, the catalogue, its profile. */
const RESTRICTED_SECTIONS: readonly Section[] = ['application', 'catalog', 'profile'];

export function restrictSections(sections: Section[], restricted: boolean): Section[] {
  return restricted ? sections.filter((s) => RESTRICTED_SECTIONS.includes(s)) : sections;
}

/** The home page, except for the administrator of an institution that is not active: it goes to its application. */
export function InstitutionHomeGate({ children }: { children: ReactNode }) {
  const me = useMe();
  const { restricted, loading } = useRestrictedInstitution(me.data);
  if (loading) {
    return (
      <Flex justify="center" style={{ padding: 48 }}>
        <Spin />
      </Flex>
    );
  }
  return restricted ? <Navigate to="/my-institution" replace /> : <>{children}</>;
}
