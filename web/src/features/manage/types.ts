// Shapes of the operator management API (docs/api.md, "Catalogue" management routes).
import type { ApiAnswer, EffectivePolicy } from '@contracts';

export type { Campaign, CampaignState } from '../../api/catalog-types';

export type { KnowledgeModule, OccupationDetail, PolicyVersion, EffectivePolicy } from '@contracts';
export type { StandardView as Standard, PolicyVersionRef as VersionRef } from '@contracts';

export type ClassificationItem = ApiAnswer<'GET /catalog/classification'>['items'][number];

/** The whole policy document in force (every field present). */
export type PolicyDocument = EffectivePolicy['document'];
export type FaceCheck = PolicyDocument['faceCheck'];
/** Supervision of online learning (server: policy.ts `learning`; absent in older documents = national defaults). */
export type LearningRules = NonNullable<PolicyDocument['learning']>;
/** Early-warning thresholds (server: policy.ts `alerts`; absent = national defaults). */
export type AlertThresholds = NonNullable<PolicyDocument['alerts']>;
/** What a region publishes over the national document: any subset of it. */
export type PolicyOverride = Partial<Omit<PolicyDocument, 'faceCheck' | 'learning' | 'alerts' | 'subsidies'>> & {
  faceCheck?: Partial<FaceCheck>;
  learning?: Partial<LearningRules>;
  alerts?: Partial<AlertThresholds>;
  /** Subsidy rules and limits (server: policies/subsidy-rules.ts); `rules`, when given, replaces the rules above. */
  subsidies?: Partial<NonNullable<PolicyDocument['subsidies']>>;
};

export type PolicyScope = ApiAnswer<'GET /policies'>['items'][number];

export type CampaignInput = {
  nameZh: string;
  nameEn: string;
  regionCode: string | null;
  startsAt: string;
  endsAt: string;
  courseIds: string[];
  categoryCodes: string[];
};

export type { ColumnView as Column } from '@contracts';
export type ColumnInput = { regionCode: string; titleZh: string; titleEn: string; sort: number; courseIds: string[] };
