import { isPrivateIp } from '../../../adapters/geoip.js';
import { capEvidence, cstDay, MINUTE, type Finding, type SessionFact, type Thresholds } from './types.js';

/** A declared training room whose address range holds the address in question. */
export type RoomFact = { roomId: string; institutionId: string; name: string; seats: number };

/**
 * Group learning: many accounts learning from one address in the same window. A training room behind one NAT address
 * is ordinary — its learners belong to the institution that runs the room, however many classes share it — so the
 * detector asks for accounts of several institutions behind one address (a brushing studio serves whoever pays).
 * `groupMinInstitutions: 1` makes any crowd count. Private and loopback addresses say nothing (an intranet install sees
 * only those) and are skipped. One finding per learner, class and day; only the learner's own sessions are evidence
 * (the co-accounts may belong to other institutions), the crowd is described by counts.
 *
 * Declared training rooms (`roomsAt`: the rooms whose range holds an address) go further: the declaring institution's
 * own learners there are a class in its room and are not flagged, whatever `groupMinInstitutions` says, unless more of
 * them learn at once than the room seats (capped by the policy's `trainingRoomMaxSeats`). Accounts of other
 * institutions on that address are judged as before, the room's learners counting in the crowd.
 */
export function detectGroupIp(
  sessions: readonly SessionFact[],
  thresholdsOf: (s: SessionFact) => Thresholds,
  roomsAt: (ip: string) => readonly RoomFact[] = () => [],
): Finding[] {
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
    ip: string;
    t: Thresholds;
    room: { name: string; seats: number; learners: number } | null;
  };
  const hits = new Map<string, Hit>();
  for (const [ip, list] of byIp) {
    if (list.length < 2) continue;
    list.sort((a, b) => a.startedAt - b.startedAt);
    // The room (largest, if ranges overlap) each institution declared at this address.
    const rooms = new Map<string, RoomFact>();
    for (const r of roomsAt(ip)) if ((rooms.get(r.institutionId)?.seats ?? -1) < r.seats) rooms.set(r.institutionId, r);
    const users = new Map<string, number>();
    const institutions = new Map<string, number>();
    // Per institution with a room here: its learners in the window.
    const roomUsers = new Map<string, Map<string, number>>();
    const bump = (m: Map<string, number>, k: string, d: number) => {
      const n = (m.get(k) ?? 0) + d;
      if (n <= 0) m.delete(k);
      else m.set(k, n);
    };
    const move = (x: SessionFact, d: number) => {
      bump(users, x.userId, d);
      bump(institutions, x.institutionId ?? `?${x.userId}`, d);
      if (x.institutionId && rooms.has(x.institutionId)) {
        const m = roomUsers.get(x.institutionId) ?? new Map<string, number>();
        bump(m, x.userId, d);
        roomUsers.set(x.institutionId, m);
      }
    };
    let start = 0;
    for (let end = 0; end < list.length; end++) {
      const s = list[end];
      const t = thresholdsOf(s);
      const windowMs = t.groupWindowMinutes * MINUTE;
      move(s, 1);
      while (s.startedAt - list[start].startedAt > windowMs) move(list[start++], -1);
      if (users.size < t.groupMinAccounts) continue;
      const crowd = institutions.size >= t.groupMinInstitutions;
      for (let i = start; i <= end; i++) {
        const member = list[i];
        const room = member.institutionId ? rooms.get(member.institutionId) : undefined;
        const inRoom = room ? (roomUsers.get(room.institutionId)?.size ?? 0) : 0;
        // Own learners in their declared room: flagged only when the room is over its seats.
        if (room ? inRoom <= Math.min(room.seats, t.trainingRoomMaxSeats) : !crowd) continue;
        const key = `${member.userId}|${member.classId}|${cstDay(member.startedAt)}|${ip}`;
        const hit = hits.get(key) ?? {
          sessions: new Set<SessionFact>(),
          accounts: 0,
          institutions: 0,
          ip,
          t: thresholdsOf(member),
          room: null,
        };
        hit.sessions.add(member);
        hit.accounts = Math.max(hit.accounts, users.size);
        hit.institutions = Math.max(hit.institutions, institutions.size);
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
    return {
      kind: 'group_ip' as const,
      subject: { type: 'learner' as const, id: userId },
      userId,
      classId,
      severity: (hit.room ? hit.room.learners >= 2 * hit.room.seats : hit.accounts >= 2 * hit.t.groupMinAccounts)
        ? ('high' as const)
        : ('medium' as const),
      windowKey: `${day}|${hit.ip}`,
      windowStart: own[0].startedAt,
      windowEnd: own[own.length - 1].lastAt,
      facts: {
        ip: hit.ip,
        accounts: hit.accounts,
        institutions: hit.institutions,
        threshold: hit.t.groupMinAccounts,
        windowMinutes: hit.t.groupWindowMinutes,
        ...(hit.room ? { room: hit.room.name, seats: hit.room.seats, roomLearners: hit.room.learners } : {}),
      },
      evidence: capEvidence(
        own.map((s) => ({ type: 'learning_session' as const, id: s.sessionId, at: s.startedAt, note: s.ip })),
      ),
      sessionIds: own.map((s) => s.sessionId),
    };
  });
}
