import { authoredScope } from '../catalog/index.js';

/** Media files are authored content: the operator's own (institution null) or an institution's (catalog's rule). */
export const mediaScope = authoredScope('media');
