import { isPrivateIp, networkOf, type GeoLocator } from '../../../adapters/geoip.js';
import {
  capEvidence,
  cstDay,
  MINUTE,
  type Finding,
  type LearnerDigest,
  type SessionFact,
  type Thresholds,
} from './types.js';

/**
 * Learning from abroad (outside mainland China, by the offline database), or — where the policy's `foreignIpProvince` is
 * on — from outside the province of the class. One finding per class and day.
 */
export function detectForeignIp(
  digest: LearnerDigest,
  t: Thresholds,
  geo: GeoLocator,
  classProvince: (classId: string) => string | null,
): Finding[] {
  const groups = new Map<string, { sessions: SessionFact[]; places: Set<string>; abroad: boolean }>();
  for (const s of digest.sessions) {
    if (!s.ip || isPrivateIp(s.ip)) continue;
    const place = geo.locate(s.ip);
    const home = classProvince(s.classId);
    const abroad = place.area === 'abroad';
    const elsewhere =
      t.foreignIpProvince && place.area === 'mainland' && !!place.province && !!home && place.province !== home;
    if (!abroad && !elsewhere) continue;
    const key = `${s.classId}|${cstDay(s.startedAt)}`;
    const g = groups.get(key) ?? { sessions: [], places: new Set<string>(), abroad: false };
    g.sessions.push(s);
    g.places.add(place.label || s.ip);
    g.abroad ||= abroad;
    groups.set(key, g);
  }
  return [...groups].map(([key, g]) => {
    const [classId, day] = key.split('|') as [string, string];
    return {
      kind: 'foreign_ip' as const,
      subject: { type: 'learner' as const, id: digest.userId },
      userId: digest.userId,
      classId,
      severity: g.abroad ? (g.sessions.length >= 3 ? ('high' as const) : ('medium' as const)) : ('low' as const),
      windowKey: day,
      windowStart: g.sessions[0].startedAt,
      windowEnd: g.sessions[g.sessions.length - 1].lastAt,
      facts: {
        scope: g.abroad ? 'country' : 'province',
        places: [...g.places].slice(0, 10),
        ips: [...new Set(g.sessions.map((s) => s.ip))].slice(0, 10),
        sessions: g.sessions.length,
      },
      evidence: capEvidence(
        g.sessions.map((s) => ({ type: 'learning_session' as const, id: s.sessionId, at: s.startedAt, note: s.ip })),
      ),
      sessionIds: g.sessions.map((s) => s.sessionId),
    };
  });
}

/**
 * Many addresses in a short time: sessions from `manyIpsCount` different networks (/24, /48) within the window — an
 * account handed around, or driven through rotating proxies. A phone moving between Wi-Fi and mobile data makes two
 * or three.
 */
export function detectManyIps(digest: LearnerDigest, t: Thresholds): Finding[] {
  const list = digest.sessions.filter((s) => s.ip && !isPrivateIp(s.ip)).sort((a, b) => a.startedAt - b.startedAt);
  const windowMs = t.manyIpsWindowMinutes * MINUTE;
  const flagged = new Set<SessionFact>();
  const nets = new Map<string, number>();
  let start = 0;
  let widest = 0;
  for (let end = 0; end < list.length; end++) {
    const net = networkOf(list[end].ip);
    nets.set(net, (nets.get(net) ?? 0) + 1);
    while (list[end].startedAt - list[start].startedAt > windowMs) {
      const old = networkOf(list[start].ip);
      const n = nets.get(old)! - 1;
      if (n === 0) nets.delete(old);
      else nets.set(old, n);
      start++;
    }
    if (nets.size >= t.manyIpsCount) {
      widest = Math.max(widest, nets.size);
      for (let i = start; i <= end; i++) flagged.add(list[i]);
    }
  }
  if (flagged.size === 0) return [];
  const groups = new Map<string, SessionFact[]>();
  for (const s of flagged) {
    const key = `${s.classId}|${cstDay(s.startedAt)}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return [...groups].map(([key, own]) => {
    const [classId, day] = key.split('|') as [string, string];
    own.sort((a, b) => a.startedAt - b.startedAt);
    return {
      kind: 'many_ips' as const,
      subject: { type: 'learner' as const, id: digest.userId },
      userId: digest.userId,
      classId,
      severity: widest >= 2 * t.manyIpsCount ? ('high' as const) : ('medium' as const),
      windowKey: day,
      windowStart: own[0].startedAt,
      windowEnd: own[own.length - 1].lastAt,
      facts: {
        networks: widest,
        ips: [...new Set(own.map((s) => s.ip))].slice(0, 20),
        threshold: t.manyIpsCount,
        windowMinutes: t.manyIpsWindowMinutes,
      },
      evidence: capEvidence(
        own.map((s) => ({ type: 'learning_session' as const, id: s.sessionId, at: s.startedAt, note: s.ip })),
      ),
      sessionIds: own.map((s) => s.sessionId),
    };
  });
}
