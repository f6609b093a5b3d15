import type { Generated } from 'kysely';

export type InstitutionKind = 'training' | 'enterprise' | 'college';
export type InstitutionStatus = 'active' | 'suspended';

export interface InstitutionsTable {
  id: string;
  name: string;
  kind: InstitutionKind;
  /** Unified social credit code (统一社会信用代码). */
  credit_code: string;
  region_code: string;
  status: InstitutionStatus;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}
