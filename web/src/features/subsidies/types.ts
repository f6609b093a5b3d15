// Shapes of the subsidies API: the server's contracts (server/src/modules/subsidies/subsidies.contract.ts).
export type {
  MySubsidy,
  PaymentBatch,
  SubsidyClaimDetail as ClaimDetail,
  SubsidyClaimLine as ClaimLine,
  SubsidyClaimPreview as ClaimPreview,
  SubsidyClaimSummary as ClaimSummary,
  SubsidyEligibilityLine as EligibilityLine,
  SubsidyExplanation as Explanation,
  SubsidyPreviewLine as PreviewLine,
} from '@contracts';

import type { SubsidyClaimLine, SubsidyClaimSummary } from '@contracts';

export type ClaimStatus = SubsidyClaimSummary['status'];
export type LineStatus = SubsidyClaimLine['status'];
