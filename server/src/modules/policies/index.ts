// Front door of modules/policies (versioned regional policies: the document schema, overrides and the effective policy of a place); other modules import only from here.
export { PoliciesService } from './policies.service.js';
export { type PolicyDocument, type PolicyOverride, applyOverride, checkPolicy } from './policy.js';
