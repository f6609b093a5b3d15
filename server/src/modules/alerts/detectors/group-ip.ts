import { isPrivateIp } from '../../../adapters/geoip.js';
import { capEvidence, cstDay, MINUTE, type Finding, type SessionFact, type Thresholds } from './types.js';

/** A declared training room whose address range holds the address in question. */
export type RoomFact = { roomId: string; institutionId: string; name: string; seats: number };

/** What the detector needs to know about an address besides the declared rooms. */
export type AddressFacts = {
  /** Declared training rooms whose range holds the address. */
  roomsAt?: (ip: string) => readonly RoomFact[];
  /**
   * The address belongs to a mobile carrier whose subscribers share public addresses (carrier-grade NAT): many
   * unrelated people can learn behind it at once (adapters/geoip.ts `sharedCarrier`).
   */
  sharedCarrierAt?: (ip: string) => boolean;
};

/**
 * A phone's or tablet's browser (its user agent says so). Behind a mobile carrier's shared address, phones are the
 * carrier's own subscribers; computers there are behind a mobile router or a hotspot. iPadOS Safari says "Macintosh"
 * and counts as a computer.
 */
export const MOBILE_AGENT = /Mobile|Android|iPhone|iPad|iPod|HarmonyOS|OpenHarmony/i;

/**
 * Group learning: many accounts learning from one address in the same window. Two crowds are flagged:
 * - accounts of several institutions (`groupMinAccounts` accounts of `groupMinInstitutions` institutions): a brushing
 *   studio serves whoever pays;
 * - accounts of one institution (`groupInstitutionMinAccounts`) on an address that is not one of its declared training
 *   rooms: an institution brushing its own learners looks exactly like this, and a real classroom is declared.
 * On a mobile carrier's address (carrier-grade NAT puts many subscribers behind one address) a crowd needs
 * `groupMobileMinAccounts` accounts, or corroboration: the crowd's threshold of accounts on one user agent (phones of
 * unrelated people run many browsers and versions; a rack of scripted browsers runs one). One institution's crowd is
 * also corroborated by its threshold of accounts on computers (not phones or tablets) within the window: the carrier's unrelated
 * subscribers behind the address are on their phones, and that many of one institution's computers behind one mobile
 * address within the window is an office on a mobile router (a training room on one is declared).
 * Private and loopback addresses say nothing (an intranet install sees only those) and are skipped. One finding per
 * learner, class, day and address; only the learner's own sessions are evidence (the co-accounts may belong to other
 * institutions), the crowd is described by counts.
 *
 * Declared training rooms (`roomsAt`: the rooms whose range holds an address): the declaring institution's own
 * learners there are a class in its room and are not flagged unless more of them learn at once than the room seats
 * (capped by the policy's `trainingRoomMaxSeats`). Accounts of other institutions on that address are judged as
 * before, the room's learners counting in the crowd.
 */
export function detectGroupIp(
  sessions: readonly SessionFact[],
  thresholdsOf: (s: SessionFact) => Thresholds,
  roomsOrFacts: ((ip: string) => readonly RoomFact[]) | AddressFacts = {},
): Finding[] {
  const facts: AddressFacts = typeof roomsOrFacts === 'function' ? { roomsAt: roomsOrFacts } : roomsOrFacts;
  const roomsAt = facts.roomsAt ?? (() => []);
  const sharedCarrierAt = facts.sharedCarrierAt ?? (() => false);
  const byIp = new Map<string, SessionFact[]>();
  for (const s of sessions) {
    if (!s.ip || isPrivateIp(s.ip)) continue;
    const list = byIp.get(s.ip);
    if (list) list.push(s);
    else byIp.set(s.ip, [s]);
  }
  type Hit = {
    sessions: Set<SessionFact>;
    accounts: number;
    institutions: number;
    institutionAccounts: number;
    rule: 'institutions' | 'institution' | 'room';
    sameAgent: number;
    /** One institution's accounts on computers (a shared carrier address). */
    computers: number;
    ip: string;
    t: Thresholds;
    room: { name: string; seats: number; learners: number } | null;
  };
  const hits = new Map<string, Hit>();
  for (const [ip, list] of byIp) {
    if (list.length < 2) continue;
    list.sort((a, b) => a.startedAt - b.startedAt);
    const carrier = sharedCarrierAt(ip);
    // The room (largest, if ranges overlap) each institution declared at this address.
    const rooms = new Map<string, RoomFact>();
    for (const r of roomsAt(ip)) if ((rooms.get(r.institutionId)?.seats ?? -1) < r.seats) rooms.set(r.institutionId, r);
    const users = new Map<string, number>();
    const institutions = new Map<string, number>();
    const bump = (m: Map<string, number>, k: string, d: number) => {
      const n = (m.get(k) ?? 0) + d;
      if (n <= 0) m.delete(k);
      else m.set(k, n);
    };
    const move = (x: SessionFact, d: number) => {
      bump(users, x.userId, d);
      bump(institutions, x.institutionId ?? `?${x.userId}`, d);
    };
    /**
     * Enough accounts for a crowd: on a shared carrier address, many more, or one user agent among the many, or (one
     * institution's crowd) as many on computers.
     */
    const enough = (accounts: number, sameAgent: number, min: number, t: Thresholds, computers = 0) =>
      carrier
        ? accounts >= Math.max(min, t.groupMobileMinAccounts) || sameAgent >= min || computers >= min
        : accounts >= min;
    let start = 0;
    for (let end = 0; end < list.length; end++) {
      const s = list[end];
      const t = thresholdsOf(s);
      const windowMs = t.groupWindowMinutes * MINUTE;
      move(s, 1);
      while (s.startedAt - list[start].startedAt > windowMs) move(list[start++], -1);
      if (users.size < Math.min(t.groupMinAccounts, t.groupInstitutionMinAccounts)) continue;
      // The window's accounts per institution, and per user agent (overall and per institution).
      const perInstitution = new Map<string, Set<string>>();
      const perAgent = new Map<string, Set<string>>();
      const onComputers = new Map<string, Set<string>>();
      for (let i = start; i <= end; i++) {
        const x = list[i];
        const inst = x.institutionId ?? `?${x.userId}`;
        perInstitution.set(inst, (perInstitution.get(inst) ?? new Set()).add(x.userId));
        if (carrier && !MOBILE_AGENT.test(x.userAgent))
          onComputers.set(inst, (onComputers.get(inst) ?? new Set()).add(x.userId));
        const agent = `${inst}|${x.userAgent}`;
        perAgent.set(agent, (perAgent.get(agent) ?? new Set()).add(x.userId));
        perAgent.set(`*|${x.userAgent}`, (perAgent.get(`*|${x.userAgent}`) ?? new Set()).add(x.userId));
      }
      const maxAgent = (prefix: string) => {
        let max = 0;
        for (const [k, v] of perAgent) if (k.startsWith(prefix) && v.size > max) max = v.size;
        return max;
      };
      const allAgent = maxAgent('*|');
      const crowd = institutions.size >= t.groupMinInstitutions && enough(users.size, allAgent, t.groupMinAccounts, t);
      const ownCrowd = new Map<string, { accounts: number; sameAgent: number; computers: number; flagged: boolean }>();
      for (let i = start; i <= end; i++) {
        const member = list[i];
        const inst = member.institutionId ?? `?${member.userId}`;
        const room = member.institutionId ? rooms.get(member.institutionId) : undefined;
        const inRoom = room ? (perInstitution.get(inst)?.size ?? 0) : 0;
        let own = ownCrowd.get(inst);
        if (!own) {
          const accounts = perInstitution.get(inst)?.size ?? 0;
          const sameAgent = maxAgent(`${inst}|`);
          const computers = onComputers.get(inst)?.size ?? 0;
          own = {
            accounts,
            sameAgent,
            computers,
            flagged:
              member.institutionId !== null && enough(accounts, sameAgent, t.groupInstitutionMinAccounts, t, computers),
          };
          ownCrowd.set(inst, own);
        }
        // Own learners in their declared room: flagged only when the room is over its seats.
        const overSeats = room ? inRoom > Math.min(room.seats, t.trainingRoomMaxSeats) : false;
        const rule = room ? (overSeats ? 'room' : null) : crowd ? 'institutions' : own.flagged ? 'institution' : null;
        if (!rule) continue;
        const key = `${member.userId}|${member.classId}|${cstDay(member.startedAt)}|${ip}`;
        const hit = hits.get(key) ?? {
          sessions: new Set<SessionFact>(),
          accounts: 0,
          institutions: 0,
          institutionAccounts: 0,
          rule,
          sameAgent: 0,
          computers: 0,
          ip,
          t: thresholdsOf(member),
          room: null,
        };
        hit.sessions.add(member);
        hit.accounts = Math.max(hit.accounts, users.size);
        hit.institutions = Math.max(hit.institutions, institutions.size);
        hit.institutionAccounts = Math.max(hit.institutionAccounts, own.accounts);
        hit.sameAgent = Math.max(hit.sameAgent, rule === 'institution' ? own.sameAgent : allAgent);
        hit.computers = Math.max(hit.computers, own.computers);
        // A crowd of several institutions outranks one institution's crowd; a room over its seats stays a room.
        if (rule === 'institutions' && hit.rule === 'institution') hit.rule = rule;
        if (room)
          hit.room = {
            name: room.name,
            seats: Math.min(room.seats, t.trainingRoomMaxSeats),
            learners: Math.max(hit.room?.learners ?? 0, inRoom),
          };
        hits.set(key, hit);
      }
    }
  }
  return [...hits].map(([key, hit]) => {
    const [userId, classId, day] = key.split('|') as [string, string, string];
    const own = [...hit.sessions].sort((a, b) => a.startedAt - b.startedAt);
    const threshold = hit.rule === 'institution' ? hit.t.groupInstitutionMinAccounts : hit.t.groupMinAccounts;
    const counted = hit.rule === 'institution' ? hit.institutionAccounts : hit.accounts;
    const carrier = sharedCarrierAt(hit.ip);
    return {
      kind: 'group_ip' as const,
      subject: { type: 'learner' as const, id: userId },
      userId,
      classId,
      severity: (hit.room ? hit.room.learners >= 2 * hit.room.seats : counted >= 2 * threshold)
        ? ('high' as const)
        : ('medium' as const),
      windowKey: `${day}|${hit.ip}`,
      windowStart: own[0].startedAt,
      windowEnd: own[own.length - 1].lastAt,
      facts: {
        ip: hit.ip,
        rule: hit.rule,
        accounts: hit.accounts,
        institutions: hit.institutions,
        institutionAccounts: hit.institutionAccounts,
        threshold,
        windowMinutes: hit.t.groupWindowMinutes,
        ...(carrier
          ? {
              network: 'shared_carrier',
              carrierThreshold: hit.t.groupMobileMinAccounts,
              sameUserAgent: hit.sameAgent,
              onComputers: hit.computers,
            }
          : {}),
        ...(hit.room ? { room: hit.room.name, seats: hit.room.seats, roomLearners: hit.room.learners } : {}),
      },
      evidence: capEvidence(
        own.map((s) => ({ type: 'learning_session' as const, id: s.sessionId, at: s.startedAt, note: s.ip })),
      ),
      sessionIds: own.map((s) => s.sessionId),
    };
  });
}
