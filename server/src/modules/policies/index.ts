export { PoliciesService } from './policies.service.js';
export { type PolicyDocument, type PolicyOverride, applyOverride, checkPolicy } from './policy.js';
