import type { DbOrTrx } from '../../database/schema.js';
import type { Actor } from '../../platform/context.js';

/** The institution an invitation names, as invitations read it. */
export type InvitedInstitution = { id: string; name: string; region_code: string };

/**
 * What invitations need from the institutions module, owned here because institutions depend on identity (their
 * first administrator registers through it): the institutions module provides it, services.ts wires it.
 */
export interface InstitutionLookup {
  find(db: DbOrTrx, id: string): Promise<InvitedInstitution | undefined>;
  /** Whether the actor may see the institution, and so invite its people. */
  canSee(actor: Actor, institution: InvitedInstitution): boolean;
  /** Refuses staff of an institution that is not active (the guard every piece of institution work calls). */
  requireActive(db: DbOrTrx, actor: Pick<Actor, 'role' | 'institutionId'>): Promise<void>;
}
