// Shapes of the operator management API (docs/api.md, "Catalogue" management routes).
import type { Named, OccupationSummary } from '../../api/catalog-types';

export type { Campaign, CampaignState } from '../../api/catalog-types';

export type ClassificationItem = { code: string; level: 'major' | 'medium'; parentCode: string | null; name: Named };

export type KnowledgeModule = { zh: string; en: string };
export type Standard = {
  level: number;
  minHours: number;
  maxOnlinePercent: number;
  modules: KnowledgeModule[];
  estimated: boolean;
  basis: string;
};
export type OccupationDetail = OccupationSummary & {
  edition: string;
  path: { code: string; level: string; name: Named }[];
  standards: Standard[];
  courseCategories: { code: string; name: Named }[];
};

export type FaceCheck = {
  minPerLesson: number;
  maxIntervalMinutes: number;
  responseSeconds: number;
  retries: number;
  /** Absent in documents published before them (= the national defaults). */
  liveness?: boolean;
  maxMissesPerLesson?: number;
  maxMissesPerClass?: number;
  freeRetakes?: number;
};
/** Supervision of online learning (server: policy.ts `learning`; absent in older documents = national defaults). */
export type LearningRules = {
  positionToleranceSeconds: number;
  gapFactor: number;
  maxLateSeconds: number;
  completionShare: number;
  challengeMinMinutes: number;
  challengeMaxMinutes: number;
  challengeResponseSeconds: number;
  challengeAttempts: number;
};
export type PolicyDocument = {
  classHourMinutes: number;
  maxOnlineShare: number;
  onlineHourFactor: number;
  requiredGeneralModules: string[];
  heartbeatSeconds: number;
  maxPlaybackRate: number;
  dailyCapHours: number;
  faceCheck: FaceCheck;
  learning?: LearningRules;
  /** Early-warning thresholds (server: policy.ts `alerts`; absent = national defaults). */
  alerts?: AlertThresholds;
  reviewDeadlineWorkingDays: number;
  attendanceRadiusMeters: number;
};
export type AlertThresholds = Record<string, number | boolean>;
export type PolicyOverride = Partial<Omit<PolicyDocument, 'faceCheck' | 'learning' | 'alerts'>> & {
  faceCheck?: Partial<FaceCheck>;
  learning?: Partial<LearningRules>;
  alerts?: Partial<AlertThresholds>;
};

export type PolicyScope = { scope: string; latestVersion: number; updatedAt: string };
export type PolicyVersion = {
  id: string;
  scope: string;
  version: number;
  document: PolicyOverride;
  note: string;
  createdAt: string;
  createdBy: string | null;
};
export type VersionRef = { scope: string; version: number; id: string };
export type EffectivePolicy = { document: PolicyDocument; national: VersionRef; applied: VersionRef[] };

export type CampaignInput = {
  nameZh: string;
  nameEn: string;
  regionCode: string | null;
  startsAt: string;
  endsAt: string;
  courseIds: string[];
  categoryCodes: string[];
};

export type Column = {
  id: string;
  regionCode: string;
  regionName: string | null;
  title: Named;
  sort: number;
  courseIds: string[];
};
export type ColumnInput = { regionCode: string; titleZh: string; titleEn: string; sort: number; courseIds: string[] };
