import type { Kysely } from 'kysely';
import { isPrivateIp } from '../../adapters/geoip.js';
import type { Database } from '../../database/schema.js';
import { declarePermissions, requirePermission } from '../../platform/access.js';
import { cidrHostBits, parseCidr, type Cidr, type CidrError } from '../../platform/cidr.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestMeta } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { AuditService } from '../audit/index.js';
import { requireActiveInstitution } from './institution-guard.js';
import { canSeeInstitution } from './institutions.policy.js';

export const trainingRoomPermissions = declarePermissions({
  /** The institution's own administrators declare its rooms. */
  'training_rooms.manage': ['institution_admin'],
  /** Regulators of the subtree and operators read them (the early-warning detector trusts them). */
  'training_rooms.read': ['institution_admin', 'regulator', 'operator'],
});

/** The widest range a room may declare: a room sits behind a handful of addresses, not a provider's block. */
export const MAX_HOST_BITS = { v4: 8, v6: 80 } as const; // /24 and /48
export const MAX_ROOMS = 50;

export type TrainingRoom = {
  id: string;
  institutionId: string;
  name: string;
  cidr: string;
  seats: number;
  createdAt: string;
  updatedAt: string;
};
export type TrainingRoomInput = { name: string; cidr: string; seats: number };

const CIDR_REASONS: Record<CidrError, { 'zh-CN': string; en: string }> = {
  format: {
    'zh-CN': '应为 IP 地址或“地址/前缀”，如 203.0.113.7 或 203.0.113.0/28',
    en: 'expected an address or address/prefix, such as 203.0.113.7 or 203.0.113.0/28',
  },
  prefix: {
    'zh-CN': '前缀长度超出范围（IPv4 为 0–32，IPv6 为 0–128）',
    en: 'the prefix length is out of range (0–32 for IPv4, 0–128 for IPv6)',
  },
  host_bits: {
    'zh-CN': '地址不是该前缀的网络地址（例如应写 203.0.113.0/24 而不是 203.0.113.7/24）',
    en: 'the address is not the network address of the prefix (write 203.0.113.0/24, not 203.0.113.7/24)',
  },
};

/** A declared range, checked: well formed, public, and no wider than a room. Pure. */
export function checkRoomCidr(text: string): Cidr {
  const parsed = parseCidr(text);
  if (!parsed.ok)
    throw new AppError('TRAINING_ROOM_CIDR_INVALID', {
      field: 'cidr',
      params: { reason: CIDR_REASONS[parsed.reason] },
      details: { reason: parsed.reason },
    });
  const { cidr } = parsed;
  if (isPrivateIp(cidr.text.split('/')[0])) throw new AppError('TRAINING_ROOM_CIDR_PRIVATE', { field: 'cidr' });
  if (cidrHostBits(cidr) > (cidr.version === 4 ? MAX_HOST_BITS.v4 : MAX_HOST_BITS.v6)) {
    throw new AppError('TRAINING_ROOM_CIDR_TOO_WIDE', {
      field: 'cidr',
      params: { v4: 32 - MAX_HOST_BITS.v4, v6: 128 - MAX_HOST_BITS.v6 },
    });
  }
  return cidr;
}

type Row = Database['training_rooms'];
const toRoom = (r: Row): TrainingRoom => ({
  id: r.id,
  institutionId: r.institution_id,
  name: r.name,
  cidr: r.cidr,
  seats: r.seats,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/**
 * Training rooms (培训室) an institution declares: a name, the public address range its machines reach the internet
 * from, and its seats. The group-learning detector treats the institution's own learners learning together from a
 * declared range as a class in its room (up to the seats), and still flags accounts of other institutions there.
 */
export class TrainingRoomsService {
  constructor(private readonly deps: { db: Kysely<Database>; clock: Clock; audit: AuditService }) {}

  private async institution(actor: Actor, institutionId: string) {
    const inst = await this.deps.db
      .selectFrom('institutions')
      .select(['id', 'region_code', 'status'])
      .where('id', '=', institutionId)
      .executeTakeFirst();
    if (!inst || !canSeeInstitution(actor, inst)) throw new AppError('NOT_FOUND');
    return inst;
  }

  async list(actor: Actor, institutionId: string): Promise<TrainingRoom[]> {
    requirePermission(actor, trainingRoomPermissions['training_rooms.read']);
    await this.institution(actor, institutionId);
    const rows = await this.deps.db
      .selectFrom('training_rooms')
      .selectAll()
      .where('institution_id', '=', institutionId)
      .orderBy('name')
      .orderBy('id')
      .execute();
    return rows.map(toRoom);
  }

  private async writable(actor: Actor, institutionId: string) {
    requirePermission(actor, trainingRoomPermissions['training_rooms.manage']);
    const inst = await this.institution(actor, institutionId);
    await requireActiveInstitution(this.deps.db, actor);
    return inst;
  }

  private async duplicate(institutionId: string, cidr: string, except: string | null) {
    let q = this.deps.db
      .selectFrom('training_rooms')
      .select(['id', 'name'])
      .where('institution_id', '=', institutionId)
      .where('cidr', '=', cidr);
    if (except) q = q.where('id', '!=', except);
    const other = await q.executeTakeFirst();
    if (other)
      throw new AppError('TRAINING_ROOM_DUPLICATE', {
        field: 'cidr',
        params: { name: other.name },
        details: { roomId: other.id },
      });
  }

  async create(
    actor: Actor,
    institutionId: string,
    input: TrainingRoomInput,
    meta: RequestMeta,
  ): Promise<TrainingRoom> {
    const inst = await this.writable(actor, institutionId);
    const cidr = checkRoomCidr(input.cidr);
    const name = cleanName(input.name);
    await this.duplicate(institutionId, cidr.text, null);
    const { n } = await this.deps.db
      .selectFrom('training_rooms')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('institution_id', '=', institutionId)
      .executeTakeFirstOrThrow();
    if (Number(n) >= MAX_ROOMS) throw new AppError('TRAINING_ROOM_TOO_MANY', { params: { max: MAX_ROOMS } });
    const now = this.deps.clock.now().toISOString();
    const row: Row = {
      id: newId(),
      institution_id: institutionId,
      name,
      cidr: cidr.text,
      seats: input.seats,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    };
    await this.deps.db.transaction().execute(async (trx) => {
      await trx.insertInto('training_rooms').values(row).execute();
      await this.deps.audit.record(trx, {
        actor,
        action: 'training_room.created',
        targetType: 'training_room',
        targetId: row.id,
        institutionId,
        regionCode: inst.region_code,
        meta,
        details: { name, cidr: cidr.text, seats: input.seats },
      });
    });
    return toRoom(row);
  }

  async update(
    actor: Actor,
    institutionId: string,
    id: string,
    input: Partial<TrainingRoomInput>,
    meta: RequestMeta,
  ): Promise<TrainingRoom> {
    const inst = await this.writable(actor, institutionId);
    const existing = await this.deps.db
      .selectFrom('training_rooms')
      .selectAll()
      .where('id', '=', id)
      .where('institution_id', '=', institutionId)
      .executeTakeFirst();
    if (!existing) throw new AppError('NOT_FOUND');
    const cidr = input.cidr === undefined ? existing.cidr : checkRoomCidr(input.cidr).text;
    if (cidr !== existing.cidr) await this.duplicate(institutionId, cidr, id);
    const next = {
      name: input.name === undefined ? existing.name : cleanName(input.name),
      cidr,
      seats: input.seats ?? existing.seats,
      updated_at: this.deps.clock.now().toISOString(),
    };
    await this.deps.db.transaction().execute(async (trx) => {
      await trx.updateTable('training_rooms').set(next).where('id', '=', id).execute();
      await this.deps.audit.record(trx, {
        actor,
        action: 'training_room.updated',
        targetType: 'training_room',
        targetId: id,
        institutionId,
        regionCode: inst.region_code,
        meta,
        details: {
          before: { name: existing.name, cidr: existing.cidr, seats: existing.seats },
          after: { name: next.name, cidr: next.cidr, seats: next.seats },
        },
      });
    });
    return toRoom({ ...existing, ...next });
  }

  async remove(actor: Actor, institutionId: string, id: string, meta: RequestMeta): Promise<void> {
    const inst = await this.writable(actor, institutionId);
    const existing = await this.deps.db
      .selectFrom('training_rooms')
      .selectAll()
      .where('id', '=', id)
      .where('institution_id', '=', institutionId)
      .executeTakeFirst();
    if (!existing) throw new AppError('NOT_FOUND');
    await this.deps.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('training_rooms').where('id', '=', id).execute();
      await this.deps.audit.record(trx, {
        actor,
        action: 'training_room.deleted',
        targetType: 'training_room',
        targetId: id,
        institutionId,
        regionCode: inst.region_code,
        meta,
        details: { name: existing.name, cidr: existing.cidr, seats: existing.seats },
      });
    });
  }
}

function cleanName(text: string): string {
  const name = text.trim();
  if (name.length < 1) throw new AppError('VALIDATION_FAILED', { field: 'name' });
  return name;
}
