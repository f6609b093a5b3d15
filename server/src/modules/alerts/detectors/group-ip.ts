import { isPrivateIp } from '../../../adapters/geoip.js';
import { capEvidence, cstDay, MINUTE, type Finding, type SessionFact, type Thresholds } from './types.js';

/**
 * Group learning: many accounts learning from one address in the same window. A training room behind one NAT address
 * is ordinary — its learners belong to the institution that runs the room, however many classes share it — so the
 * detector asks for accounts of several institutions behind one address (a brushing studio serves whoever pays).
 * `groupMinInstitutions: 1` makes any crowd count. Private and loopback addresses say nothing (an intranet install sees
 * only those) and are skipped. One finding per learner, class and day; only the learner's own sessions are evidence
 * (the co-accounts may belong to other institutions), the crowd is described by counts.
 */
export function detectGroupIp(sessions: readonly SessionFact[], thresholdsOf: (s: SessionFact) => Thresholds): Finding[] {
  const byIp = new Map<string, SessionFact[]>();
  for (const s of sessions) {
    if (!s.ip || isPrivateIp(s.ip)) continue;
    const list = byIp.get(s.ip);
    if (list) list.push(s);
    else byIp.set(s.ip, [s]);
  }
  const hits = new Map<string, { sessions: Set<SessionFact>; accounts: number; institutions: number; ip: string; t: Thresholds }>();
  for (const [ip, list] of byIp) {
    if (list.length < 2) continue;
    list.sort((a, b) => a.startedAt - b.startedAt);
    const users = new Map<string, number>();
    const institutions = new Map<string, number>();
    const bump = (m: Map<string, number>, k: string, d: number) => {
      const n = (m.get(k) ?? 0) + d;
      if (n <= 0) m.delete(k);
      else m.set(k, n);
    };
    let start = 0;
    for (let end = 0; end < list.length; end++) {
      const s = list[end]!;
      const t = thresholdsOf(s);
      const windowMs = t.groupWindowMinutes * MINUTE;
      bump(users, s.userId, 1);
      bump(institutions, s.institutionId ?? `?${s.userId}`, 1);
      while (s.startedAt - list[start]!.startedAt > windowMs) {
        bump(users, list[start]!.userId, -1);
        bump(institutions, list[start]!.institutionId ?? `?${list[start]!.userId}`, -1);
        start++;
      }
      if (users.size < t.groupMinAccounts || institutions.size < t.groupMinInstitutions) continue;
      for (let i = start; i <= end; i++) {
        const member = list[i]!;
        const key = `${member.userId}|${member.classId}|${cstDay(member.startedAt)}|${ip}`;
        const hit = hits.get(key) ?? { sessions: new Set<SessionFact>(), accounts: 0, institutions: 0, ip, t: thresholdsOf(member) };
        hit.sessions.add(member);
        hit.accounts = Math.max(hit.accounts, users.size);
        hit.institutions = Math.max(hit.institutions, institutions.size);
        hits.set(key, hit);
      }
    }
  }
  return [...hits].map(([key, hit]) => {
    const [userId, classId, day] = key.split('|') as [string, string, string];
    const own = [...hit.sessions].sort((a, b) => a.startedAt - b.startedAt);
    return {
      kind: 'group_ip' as const,
      subject: { type: 'learner' as const, id: userId }, userId, classId,
      severity: hit.accounts >= 2 * hit.t.groupMinAccounts ? 'high' as const : 'medium' as const,
      windowKey: `${day}|${hit.ip}`, windowStart: own[0]!.startedAt, windowEnd: own[own.length - 1]!.lastAt,
      facts: { ip: hit.ip, accounts: hit.accounts, institutions: hit.institutions, threshold: hit.t.groupMinAccounts, windowMinutes: hit.t.groupWindowMinutes },
      evidence: capEvidence(own.map((s) => ({ type: 'learning_session' as const, id: s.sessionId, at: s.startedAt, note: s.ip }))),
      sessionIds: own.map((s) => s.sessionId),
    };
  });
}
