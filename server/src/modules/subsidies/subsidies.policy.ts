import { declarePermissions } from '../../platform/access.js';
import { defineScope, scopeRule } from '../../platform/scope.js';
import { regionPrefixOf } from '../regions/index.js';

export const subsidyPermissions = declarePermissions({
  /** See claims (and their lines) in scope. */
  'subsidies.read': ['institution_admin', 'regulator', 'operator'],
  /** Compute and submit a claim for a class of one's institution, resubmit a returned one. */
  'subsidies.claim': ['institution_admin'],
  /** Approve, reject, return (the regulators of the class's region subtree). */
  'subsidies.review': ['regulator'],
  /** Payment batches: form, export, mark paid. */
  'subsidies.pay': ['regulator'],
  /** A learner's own subsidies ("我的补贴"). */
  'subsidies.mine': ['learner'],
  /** Recovery orders: regulators (subtree) and the operator; an institution its own, read-only. */
  'subsidies.recovery.read': ['institution_admin', 'regulator', 'operator'],
  /** Record a recovered amount, write off (the regulators of the region subtree). */
  'subsidies.recovery.manage': ['regulator'],
});

/** Claims and lines: the operator all, regulators their region subtree, an institution's administrators their own. */
export const claimScope = defineScope<'institution_id' | 'region_code'>('subsidy_claims', {
  operator: scopeRule.all,
  regulator: scopeRule.prefix('region_code', regionPrefixOf),
  institution_admin: scopeRule.eq('institution_id', (a) => a.institutionId),
});

export const lineScope = defineScope<'institution_id' | 'region_code' | 'user_id'>('subsidy_claim_lines', {
  operator: scopeRule.all,
  regulator: scopeRule.prefix('region_code', regionPrefixOf),
  institution_admin: scopeRule.eq('institution_id', (a) => a.institutionId),
  learner: scopeRule.eq('user_id', (a) => a.userId),
});

/** Payment batches belong to the regulators of the region subtree they were formed in. */
export const batchScope = defineScope<'region_code'>('subsidy_batches', {
  operator: scopeRule.all,
  regulator: scopeRule.prefix('region_code', regionPrefixOf),
});

/** Recovery orders: as claims (the operator all, regulators their region subtree, an institution its own). */
export const recoveryScope = defineScope<'institution_id' | 'region_code'>('subsidy_recovery_orders', {
  operator: scopeRule.all,
  regulator: scopeRule.prefix('region_code', regionPrefixOf),
  institution_admin: scopeRule.eq('institution_id', (a) => a.institutionId),
});
