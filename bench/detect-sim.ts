// A simulated population for bench/detect.ts: honest learners with varied habits and cheaters of every kind the
// early-warning detectors look for, learning through the REAL engine rules (the pure functions of
// server/src/modules/learning/crediting.ts) and producing records in the shapes learning.service.ts writes.
//
// The behaviour below is written from how people and tools behave, not from the detectors: a person's timer jitters,
// a video follows its media clock, people pause, switch tabs, seek back, sometimes try to drag ahead, take seconds to
// type a code, share a home network or a family computer, learn in training rooms behind one NAT address, travel;
// tools forge clocks, answer instantly, rotate proxies, run several tabs, play all night. Running the HTTP server for
// 10,000 learners would take hours on this machine, so the engine's pure functions are driven directly.
import { Ip2RegionLocator } from '../server/src/adapters/geoip.js';
import { NATIONAL_POLICY } from '../server/src/modules/catalog/data/national-policy.js';
import {
  answerCheck,
  applyHeartbeat,
  carriedOf,
  endSession,
  reissueCheck,
  requestFinalCheck,
  startSession,
  type Beat,
  type Env,
  type LearningRules,
  type SessionState,
} from '../server/src/modules/learning/crediting.js';
import { learningRules } from '../server/src/modules/learning/learning.service.js';
import { addSegment, type Segment } from '../server/src/modules/learning/segments.js';
import type { EvidenceData, EvidenceKind } from '../server/src/modules/learning/index.js';
import type { RecordLike } from '../server/src/modules/alerts/detectors/digest.js';
import type { FaceAlertFact, FaceCheckFact } from '../server/src/modules/alerts/detectors/types.js';

export type CheatKind =
  | 'concurrent_lessons'
  | 'group_ip'
  | 'foreign_ip'
  | 'many_ips'
  | 'scripted_player'
  | 'face_failures'
  | 'face_mismatch'
  | 'shared_face'
  | 'shared_device'
  | 'cap_overrun'
  | 'all_night'
  | 'seek_ahead'
  | 'institution_crowd'
  | 'restart_dodger'
  | 'hangup_tool';
export const CHEAT_KINDS: readonly CheatKind[] = [
  'concurrent_lessons',
  'group_ip',
  'foreign_ip',
  'many_ips',
  'scripted_player',
  'face_failures',
  'face_mismatch',
  'shared_face',
  'shared_device',
  'cap_overrun',
  'all_night',
  'seek_ahead',
  'institution_crowd',
  'restart_dodger',
  'hangup_tool',
];

const S = 1000;
const MIN = 60 * S;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** Monday 2026-11-02 00:00 in Beijing. */
export const WEEK_START = Date.parse('2026-11-01T16:00:00.000Z');
export const DAYS = 7;

// ---- randomness ------------------------------------------------------------------------------------------------

export class Rng {
  constructor(private s: number) {}
  next(): number {
    // mulberry32
    this.s = (this.s + 0x6d2b79f5) | 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  normal(mean = 0, sd = 1): number {
    const u = Math.max(1e-12, this.next());
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(this.normal(0, sigma));
  }
  exp(mean: number): number {
    return -mean * Math.log(Math.max(1e-12, this.next()));
  }
  hex(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += Math.floor(this.next() * 16).toString(16);
    return out;
  }
}

// ---- places ----------------------------------------------------------------------------------------------------

const geo = new Ip2RegionLocator();
// Prefixes of Chinese fixed and mobile networks; every generated address is checked against the offline database.
const MAINLAND = [
  '115.236',
  '115.238',
  '60.191',
  '61.164',
  '125.118',
  '125.119',
  '183.128',
  '183.129',
  '183.134',
  '218.108',
  '122.224',
  '122.225',
  '36.22',
  '36.23',
  '39.170',
  '112.10',
  '112.17',
  '117.136',
  '120.199',
  '223.93',
  '14.16',
  '27.18',
  '58.100',
  '101.68',
  '106.14',
  '110.80',
  '113.108',
  '116.224',
  '119.123',
  '121.32',
  '124.160',
  '171.43',
  '180.168',
  '211.140',
  '220.189',
  '221.12',
  '222.64',
  '59.172',
  '114.80',
];

// Mobile data goes out through the operator's carrier-grade NAT: a city's subscribers of one operator share a pool of
// public addresses, so unrelated people — of one institution too — appear behind one address at once. Operators by
// their share of mobile subscribers (end of 2023, the operators' annual reports: China Mobile 991 M, China Telecom
// 407 M, China Unicom 333 M); prefixes the offline database names for each operator in Zhejiang.
export const CARRIERS = [
  { name: 'mobile', share: 0.57, prefixes: ['117.136', '112.17', '111.0', '39.170', '211.140'] },
  { name: 'telecom', share: 0.24, prefixes: ['115.236', '183.128', '125.118', '36.22'] },
  { name: 'unicom', share: 0.19, prefixes: ['221.12', '124.160', '101.68'] },
] as const;
/** Share of honest sessions on mobile data, and public addresses per city and operator (a small pool: pessimistic). */
export const MOBILE_NETWORK = { sessionShare: 0.3, poolSize: 64, institutionsPerCity: 10 };
const pools = new Map<string, string[]>();
function cgnatAddress(rng: Rng, city: number, carrier: (typeof CARRIERS)[number]): string {
  const key = `${city}|${carrier.name}`;
  let pool = pools.get(key);
  if (!pool) {
    const own = new Rng(city * 31 + carrier.name.length);
    pool = Array.from({ length: MOBILE_NETWORK.poolSize }, () => address(own, carrier.prefixes, 'mainland'));
    pools.set(key, pool);
  }
  return rng.pick(pool);
}
function pickCarrier(rng: Rng): (typeof CARRIERS)[number] {
  const r = rng.next();
  return r < CARRIERS[0].share ? CARRIERS[0] : r < CARRIERS[0].share + CARRIERS[1].share ? CARRIERS[1] : CARRIERS[2];
}
const cityOf = (klass: Klass) => Math.floor(Number(klass.institutionId.slice(5)) / MOBILE_NETWORK.institutionsPerCity);
const ABROAD = [
  '8.8',
  '13.107',
  '104.16',
  '3.80',
  '52.1',
  '35.190',
  '126.10',
  '1.36',
  '202.45',
  '168.95',
  '81.2',
  '103.21',
  '45.33',
];

function address(rng: Rng, prefixes: readonly string[], area: 'mainland' | 'abroad'): string {
  for (;;) {
    const ip = `${rng.pick(prefixes)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
    if (geo.locate(ip).area === area) return ip;
  }
}

const BROWSERS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36 Edg/129.0.0.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; V2309A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Linux; Android 13; 22081212C) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.43 Mobile Safari/537.36 MQQBrowser/6.2',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
];

// ---- the population --------------------------------------------------------------------------------------------

export type Klass = {
  id: string;
  institutionId: string;
  lessons: { id: string; media: 'video' | 'document'; durationMs: number }[];
};

export type Learner = {
  id: string;
  kind: 'honest' | CheatKind;
  klass: Klass;
  homeIp: string;
  devices: string[];
  ua: string;
  /** Browser habits. */
  timerJitterMs: number;
  latencyMs: number;
  answerMedianMs: number;
  pausesPerHour: number;
  hidesPerHour: number;
  seekBacksPerHour: number;
  seekAheadsPerDay: number;
  face: { pass: number; reject: number };
  activeDays: number[];
  night: boolean;
  intense: boolean;
  switcher: boolean;
  traveller: boolean;
  /** The mobile operator of the learner's phone. */
  carrier: (typeof CARRIERS)[number];
  plans: Plan[];
};

/**
 * dodger: ends the lesson and starts it again whenever a check appears (issue 14: a check used to live only in its
 * session); silent: plays with the tab reported visible and answers nothing (a hang-up tool).
 */
export type Mode = 'human' | 'http_script' | 'headless' | 'extension' | 'hangup' | 'dodger' | 'silent';
export type Plan = {
  at: number;
  minutes: number;
  lessonIndex: number;
  ip: string;
  deviceId: string;
  ua: string;
  mode: Mode;
  webdriver: boolean | null;
  /** Another start of this learner this many minutes after this one (several tabs or devices). */
  restartsEveryMinutes?: number;
  restartDevices?: string[];
  faceOverride?: { pass: number; reject: number; missed: number };
  seekAheads?: number;
  endsCleanly: boolean;
};

/** A training room the institution declared (institutions must declare them: an undeclared crowd is flagged). */
export type Room = { ip: string; institutionId: string; seats: number };
export type Population = { learners: Learner[]; classes: Klass[]; faceAlerts: FaceAlertFact[]; rooms: Room[] };

function makeClasses(rng: Rng, count: number): Klass[] {
  const classes: Klass[] = [];
  for (let i = 0; i < count; i++) {
    const lessons = Array.from({ length: 30 }, (_, k) => {
      const media = rng.chance(0.8) ? ('video' as const) : ('document' as const);
      return { id: `c${i}-l${k}`, media, durationMs: (media === 'video' ? rng.int(15, 55) : rng.int(20, 45)) * MIN };
    });
    classes.push({ id: `class-${i}`, institutionId: `inst-${Math.floor(i / 3)}`, lessons });
  }
  return classes;
}

function baseLearner(rng: Rng, id: string, kind: Learner['kind'], klass: Klass): Learner {
  const phoneFirst = rng.chance(0.45);
  const devices = [`d-${rng.hex(16)}`];
  if (rng.chance(0.35)) devices.push(`d-${rng.hex(16)}`);
  const days = Array.from({ length: DAYS }, (_, d) => d).filter(() => rng.chance(0.35));
  if (days.length === 0) days.push(rng.int(0, DAYS - 1));
  const dark = rng.chance(0.08);
  return {
    id,
    kind,
    klass,
    homeIp: address(rng, MAINLAND, 'mainland'),
    devices,
    ua: phoneFirst ? rng.pick(BROWSERS.slice(2, 5)) : rng.pick([BROWSERS[0], BROWSERS[1], BROWSERS[5]]),
    timerJitterMs: rng.logNormal(3, 0.7),
    latencyMs: rng.logNormal(60, 0.6),
    answerMedianMs: rng.logNormal(6500, 0.35),
    pausesPerHour: rng.logNormal(1.5, 0.8),
    hidesPerHour: rng.logNormal(1.2, 0.9),
    seekBacksPerHour: rng.logNormal(0.6, 1),
    seekAheadsPerDay: rng.chance(0.15) ? rng.logNormal(1.2, 0.6) : 0,
    face: dark ? { pass: 0.72, reject: 0.26 } : { pass: 0.955, reject: 0.037 },
    activeDays: days,
    night: rng.chance(0.03),
    intense: rng.chance(0.02),
    switcher: rng.chance(0.12),
    traveller: rng.chance(0.03),
    carrier: pickCarrier(rng),
    plans: [],
  };
}

/** An honest learner's week: one to three lessons on active days, at home, on the phone, sometimes elsewhere. */
function honestPlans(rng: Rng, l: Learner): Plan[] {
  const plans: Plan[] = [];
  let lesson = 0;
  const travelIp = address(rng, MAINLAND, 'mainland');
  for (const day of l.activeDays) {
    const sessions = l.intense ? rng.int(6, 10) : rng.int(1, 2);
    let t = WEEK_START + day * DAY + (l.night ? rng.int(60, 150) * MIN : rng.int(7 * 60, 20 * 60) * MIN);
    for (let i = 0; i < sessions; i++) {
      const minutes = l.intense ? rng.int(45, 75) : rng.int(10, 40);
      const onPhone = l.devices.length > 1 && rng.chance(0.4);
      const away = l.traveller && day >= 3 && day <= 4;
      // On mobile data (a phone, or a laptop on a hotspot): an address of the operator's pool in the learner's city.
      const mobileData = rng.chance(MOBILE_NETWORK.sessionShare);
      const ip = away ? travelIp : mobileData ? cgnatAddress(rng, cityOf(l.klass), l.carrier) : l.homeIp;
      const plan: Plan = {
        at: t,
        minutes,
        lessonIndex: lesson % l.klass.lessons.length,
        ip,
        deviceId: onPhone ? l.devices[1] : l.devices[0],
        ua: l.ua,
        mode: 'human',
        webdriver: false,
        endsCleanly: rng.chance(0.85),
      };
      plans.push(plan);
      // A learner who moves between the computer and the phone leaves the other page open (still reporting) now and then.
      if (l.switcher && l.devices.length > 1 && rng.chance(0.3)) {
        plan.minutes = Math.max(5, Math.round(minutes * 0.6));
        plan.endsCleanly = false;
        const other = l.devices.find((d) => d !== plan.deviceId)!;
        plans.push({
          at: t + plan.minutes * MIN + rng.int(5, 15) * S,
          minutes: rng.int(10, 25),
          lessonIndex: lesson % l.klass.lessons.length,
          ip: l.homeIp,
          deviceId: other,
          ua: l.ua,
          mode: 'human',
          webdriver: false,
          endsCleanly: true,
        });
      }
      t += (minutes + rng.int(5, 180)) * MIN;
      lesson++;
    }
  }
  return plans;
}

export function buildPopulation(seed: number, honestCount: number, perCheat: number): Population {
  const rng = new Rng(seed);
  const classes = makeClasses(rng, Math.max(12, Math.ceil((honestCount + perCheat * CHEAT_KINDS.length) / 45)));
  const learners: Learner[] = [];
  let n = 0;
  const newLearner = (kind: Learner['kind'], klass = rng.pick(classes)) => baseLearner(rng, `u${n++}`, kind, klass);

  // Honest learners.
  for (let i = 0; i < honestCount; i++) {
    const l = newLearner('honest');
    l.plans = honestPlans(rng, l);
    learners.push(l);
  }
  const honest = learners.slice();
  // Families: two people, one home network; a third of them one computer (a family may belong to two institutions).
  for (let i = 0; i + 1 < honest.length * 0.1; i += 2) {
    const [a, b] = [honest[i * 3], honest[i * 3 + 1]];
    if (!a || !b) break;
    b.homeIp = a.homeIp;
    if (rng.chance(0.35)) b.devices[0] = a.devices[0]!;
    // One browser holds one sign-in at a time: the second person uses the family computer when it is free.
    b.plans = honestPlans(rng, b).filter(
      (p) =>
        p.deviceId !== a.devices[0] ||
        !a.plans.some(
          (q) =>
            q.deviceId === p.deviceId && q.at < p.at + (p.minutes + 5) * MIN && p.at < q.at + (q.minutes + 5) * MIN,
        ),
    );
  }
  // Training rooms: a class (or two of one institution) learns together for two hours behind the room's NAT address,
  // one learner per computer, on two days of the week.
  const roomClasses = classes.filter(() => rng.chance(0.2));
  const rooms: Room[] = [];
  for (const klass of roomClasses) {
    const roomIp = address(rng, MAINLAND, 'mainland');
    rooms.push({ ip: roomIp, institutionId: klass.institutionId, seats: 120 });
    const pcs = Array.from({ length: 120 }, () => `room-${rng.hex(12)}`);
    const members = honest.filter((l) => l.klass === klass);
    const sharing = classes.find((c) => c !== klass && c.institutionId === klass.institutionId);
    const partners = sharing && rng.chance(0.5) ? honest.filter((l) => l.klass === sharing) : [];
    for (const day of [rng.int(0, 2), rng.int(3, 5)]) {
      const at = WEEK_START + day * DAY + rng.pick([9, 14]) * HOUR;
      [...members, ...partners]
        .filter(() => rng.chance(0.7))
        .forEach((l, k) => {
          l.plans.push({
            at: at + rng.int(0, 8) * MIN,
            minutes: rng.int(90, 115),
            lessonIndex: rng.int(0, 5),
            ip: roomIp,
            deviceId: pcs[k % pcs.length],
            ua: BROWSERS[0],
            mode: 'human',
            webdriver: false,
            endsCleanly: rng.chance(0.7),
          });
        });
    }
  }

  const faceAlerts: FaceAlertFact[] = [];
  // A few honest learners look like someone else enrolled (a twin, a close likeness): the face module's own errors.
  for (const l of honest)
    if (rng.chance(0.0005))
      faceAlerts.push({
        id: `fa-${faceAlerts.length}`,
        kind: 'same_face_other_account',
        userId: l.id,
        otherUserId: rng.pick(honest).id,
        at: WEEK_START + rng.int(0, DAYS - 1) * DAY,
        distance: 0.5,
      });

  // Cheaters: a normal week plus the cheat on some of their days.
  const studios = Array.from({ length: Math.ceil(perCheat / 15) }, () => ({
    ip: address(rng, MAINLAND, 'mainland'),
    pcs: Array.from({ length: 6 }, () => `studio-${rng.hex(12)}`),
  }));
  // An institution brushing its own learners: 8–20 of its accounts learn at once from its office (a fixed line, or now
  // and then a mobile router), run by its staff on a few computers — mostly one browser build, sometimes several.
  const crowds: { institutionId: string; ip: string; ua: string | null; day: number; hour: number }[] = [];
  const crowdOf: number[] = [];
  for (let left = perCheat; left > 0;) {
    const size = Math.min(left, rng.int(8, 20));
    const klass = rng.pick(classes);
    crowds.push({
      institutionId: klass.institutionId,
      ip: rng.chance(0.15)
        ? address(rng, CARRIERS[0].prefixes, 'mainland')
        : address(rng, [...CARRIERS[1].prefixes, ...CARRIERS[2].prefixes], 'mainland'),
      ua: rng.chance(0.75) ? BROWSERS[0] : null,
      day: rng.int(0, DAYS - 1),
      hour: rng.int(8, 20),
    });
    for (let k = 0; k < size; k++) crowdOf.push(crowds.length - 1);
    left -= size;
  }
  for (const kind of CHEAT_KINDS) {
    for (let i = 0; i < perCheat; i++) {
      const crowd = kind === 'institution_crowd' ? crowds[crowdOf[i]] : null;
      const l = crowd
        ? newLearner(kind, rng.pick(classes.filter((c) => c.institutionId === crowd.institutionId)))
        : newLearner(kind);
      l.plans = honestPlans(rng, l);
      const days = [...new Set([rng.int(0, DAYS - 1), rng.int(0, DAYS - 1)])];
      const cheatDay = (d: number, fromHour: number) => WEEK_START + d * DAY + fromHour * HOUR + rng.int(0, 50) * MIN;
      switch (kind) {
        case 'concurrent_lessons':
          // Two or three lessons side by side (tabs or devices): each page restarts when the other one ended it. The
          // point is to get through lessons not watched yet twice as fast: lessons well past where the learner's own
          // plans reach (a lesson already nearly watched ends in minutes, before any restart).
          for (const [k, d] of days.entries())
            l.plans.push({
              at: cheatDay(d, rng.int(8, 20)),
              minutes: rng.int(40, 90),
              lessonIndex: 20 + k,
              ip: l.homeIp,
              deviceId: l.devices[0],
              ua: l.ua,
              mode: 'human',
              webdriver: false,
              restartsEveryMinutes: rng.int(3, 12),
              restartDevices: [l.devices[0], `d-${rng.hex(16)}`],
              endsCleanly: false,
            });
          break;
        case 'group_ip': {
          // A studio serving customers of any institution: all its accounts learn in its shifts from the studio's address.
          const s = i % studios.length;
          for (const d of [s % DAYS, (s + 2) % DAYS]) {
            l.plans.push({
              at: WEEK_START + d * DAY + (s % 2 ? 19 : 9) * HOUR + rng.int(0, 40) * MIN,
              minutes: rng.int(45, 90),
              lessonIndex: 4,
              ip: studios[s].ip,
              deviceId: l.devices[0],
              ua: BROWSERS[0],
              mode: 'human',
              webdriver: false,
              endsCleanly: true,
            });
          }
          break;
        }
        case 'foreign_ip':
          l.plans = l.plans.map((p) => ({ ...p, ip: address(rng, ABROAD, 'abroad') }));
          break;
        case 'many_ips':
          // An account handed around or driven through rotating proxies: a new network for every short session.
          for (const d of days) {
            let t = cheatDay(d, rng.int(8, 21));
            for (let k = 0; k < rng.int(4, 7); k++) {
              const minutes = rng.int(8, 14);
              l.plans.push({
                at: t,
                minutes,
                lessonIndex: 5 + k,
                ip: address(rng, MAINLAND, 'mainland'),
                deviceId: l.devices[0],
                ua: l.ua,
                mode: 'human',
                webdriver: false,
                endsCleanly: true,
              });
              t += (minutes + rng.int(1, 4)) * MIN;
            }
          }
          break;
        case 'scripted_player': {
          const tool = rng.pick(['http_script', 'headless', 'extension'] as const);
          const stealth = rng.chance(0.5);
          for (const d of days) {
            l.plans.push({
              at: cheatDay(d, rng.int(8, 20)),
              minutes: rng.int(30, 60),
              lessonIndex: 6,
              ip: l.homeIp,
              deviceId: tool === 'extension' ? l.devices[0] : `d-${rng.hex(16)}`,
              ua:
                tool === 'http_script'
                  ? rng.pick(['python-requests/2.31.0', BROWSERS[0]])
                  : tool === 'headless' && !stealth
                    ? BROWSERS[0].replace('Chrome/', 'HeadlessChrome/')
                    : BROWSERS[0],
              mode: tool,
              webdriver: tool === 'headless' ? !stealth : tool === 'http_script' ? null : false,
              endsCleanly: false,
            });
          }
          break;
        }
        case 'face_failures':
          // Nobody in front of the camera: the page plays, the face checks find no face or go unanswered.
          for (const d of days)
            l.plans.push({
              at: cheatDay(d, rng.int(8, 20)),
              minutes: rng.int(40, 80),
              lessonIndex: 7,
              ip: l.homeIp,
              deviceId: l.devices[0],
              ua: l.ua,
              mode: 'human',
              webdriver: false,
              faceOverride: { pass: 0.03, reject: 0.6, missed: 0.3 },
              endsCleanly: true,
            });
          break;
        case 'face_mismatch':
          // Someone else learns for the account holder.
          for (const d of days)
            l.plans.push({
              at: cheatDay(d, rng.int(8, 20)),
              minutes: rng.int(40, 80),
              lessonIndex: 8,
              ip: l.homeIp,
              deviceId: l.devices[0],
              ua: l.ua,
              mode: 'human',
              webdriver: false,
              faceOverride: { pass: 0.04, reject: 0.06, missed: 0 },
              endsCleanly: true,
            });
          break;
        case 'shared_face': {
          // One person learning on two accounts: the face module compares every check with the other accounts' faces and
          // matches a same-person pair with p = 0.97 per comparison (docs/face-calibration.md: all same-person pairs under
          // the threshold); three checks or more a week, so the pair is found unless all three miss.
          const partner = newLearner('shared_face');
          partner.plans = honestPlans(rng, partner);
          learners.push(partner);
          i++;
          if (rng.chance(1 - 0.03 ** 3))
            faceAlerts.push({
              id: `fa-${faceAlerts.length}`,
              kind: 'same_face_other_account',
              userId: partner.id,
              otherUserId: l.id,
              at: WEEK_START + rng.int(0, DAYS - 1) * DAY,
              distance: rng.int(25, 45) / 100,
            });
          break;
        }
        case 'shared_device': {
          // A studio computer rotating customers' accounts through one browser, lesson after lesson: two or three
          // accounts per computer take turns on the computer's working days.
          const s = i % studios.length;
          const pcIndex = Math.floor(i / studios.length) % 6;
          const slot = Math.floor(i / (studios.length * 6));
          for (const d of [(s + pcIndex) % DAYS, (s + pcIndex + 3) % DAYS]) {
            const base = WEEK_START + d * DAY + 8 * HOUR;
            for (let k = 0; k < 5; k++)
              l.plans.push({
                at: base + (k * 3 + slot) * 25 * MIN + rng.int(0, 60) * S,
                minutes: 22,
                lessonIndex: 9 + k,
                ip: studios[s].ip,
                deviceId: studios[s].pcs[pcIndex],
                ua: BROWSERS[0],
                mode: 'human',
                webdriver: false,
                endsCleanly: true,
              });
          }
          break;
        }
        case 'cap_overrun':
          // Left playing all day with an auto-clicker: far past the daily cap.
          for (const d of days.slice(0, 1))
            l.plans.push({
              at: cheatDay(d, 7),
              minutes: rng.int(7 * 60, 9 * 60),
              lessonIndex: 10,
              ip: l.homeIp,
              deviceId: l.devices[0],
              ua: l.ua,
              mode: 'hangup',
              webdriver: false,
              endsCleanly: false,
            });
          break;
        case 'all_night':
          // Left playing overnight; a replayed video of the account holder answers the face checks (a head-turn check
          // cannot tell a recording of a head turn, docs/face-liveness.md), an auto-clicker the code checks.
          for (const d of days.slice(0, 1))
            l.plans.push({
              at: WEEK_START + d * DAY + rng.int(0, 40) * MIN,
              minutes: rng.int(270, 360),
              lessonIndex: 11,
              ip: l.homeIp,
              deviceId: l.devices[0],
              ua: l.ua,
              mode: 'hangup',
              webdriver: false,
              endsCleanly: false,
            });
          break;
        case 'institution_crowd':
          for (const d of [crowd!.day, (crowd!.day + 3) % DAYS])
            l.plans.push({
              at: WEEK_START + d * DAY + crowd!.hour * HOUR + rng.int(0, 40) * MIN,
              minutes: rng.int(60, 120),
              lessonIndex: 13,
              ip: crowd!.ip,
              deviceId: `office-${crowd!.institutionId}-${rng.int(0, 5)}-${l.id}`,
              ua: crowd!.ua ?? rng.pick([BROWSERS[0], BROWSERS[1], BROWSERS[5]]),
              mode: 'human',
              webdriver: false,
              endsCleanly: true,
            });
          break;
        case 'restart_dodger':
        case 'hangup_tool':
          // A tool working through the lessons for hours on two days, on the account holder's own computer and network.
          for (const d of days)
            l.plans.push({
              at: cheatDay(d, rng.int(8, 18)),
              minutes: rng.int(90, 180),
              lessonIndex: 14,
              ip: l.homeIp,
              deviceId: l.devices[0],
              ua: l.ua,
              mode: kind === 'restart_dodger' ? 'dodger' : 'silent',
              webdriver: false,
              // The engine may end a session whose face checks go unanswered: the tool starts it again.
              faceOverride: { pass: 0, reject: 0, missed: 1 },
              endsCleanly: false,
            });
          break;
        case 'seek_ahead':
          for (const d of days)
            l.plans.push({
              at: cheatDay(d, rng.int(8, 21)),
              minutes: rng.int(30, 70),
              lessonIndex: 12,
              ip: l.homeIp,
              deviceId: l.devices[0],
              ua: l.ua,
              mode: 'human',
              webdriver: false,
              seekAheads: rng.int(12, 40),
              endsCleanly: true,
            });
          break;
      }
      learners.push(l);
    }
  }
  // One person learns one thing at a time: plans that would overlap start when the previous one ends.
  for (const l of learners) {
    l.plans.sort((a, b) => a.at - b.at);
    for (let k = 1; k < l.plans.length; k++) {
      const prev = l.plans[k - 1];
      const end = prev.at + prev.minutes * MIN;
      if (l.plans[k].at < end) l.plans[k].at = end + (prev.endsCleanly ? rng.int(1, 10) * MIN : rng.int(5, 30) * S);
    }
  }
  return { learners, classes, faceAlerts, rooms };
}

// ---- one learner's week through the engine ---------------------------------------------------------------------

/**
 * `held`: ground earned by reports (held until a check confirms it, ADR 0008); `committed`: what passed checks
 * confirmed; `played`: time the page reported playing in view. The honest learner's loss is 1 − committed / held.
 */
export type SimOutput = {
  records: RecordLike[];
  faceChecks: FaceCheckFact[];
  held: number;
  committed: number;
  played: number;
  /** Held at the end of the simulated week, carried to the learner's next session of the lesson. */
  waiting: number;
  /** Held ground dropped: at a check missed, failed, or left open when the session ended. */
  dropped: number;
};

export const RULES: LearningRules = learningRules(NATIONAL_POLICY, true);

/**
 * Plays a learner's plans through the engine: one live lesson at a time (a start replaces it and records
 * `session_superseded`, as the service does), every report judged by `applyHeartbeat`, checks answered by
 * `answerCheck`, and records written in the service's shapes.
 */
export function simulate(l: Learner, seed: number): SimOutput {
  const rng = new Rng(seed);
  let ids = 0;
  const env: Env = { random: () => rng.next(), newId: () => `${l.id}-k${++ids}` };
  const records: RecordLike[] = [];
  const faceChecks: FaceCheckFact[] = [];
  const coverage = new Map<string, Segment[]>();
  const lessonCredit = new Map<string, number>();
  const dayCredit = new Map<string, number>();
  // What a session leaves for the next one of its lesson: held ground and the outstanding check (ADR 0008).
  const carried = new Map<string, ReturnType<typeof carriedOf>>();
  let held = 0;
  let committed = 0;
  let played = 0;
  let dropped = 0;
  let recordNo = 0;
  const push = <K extends EvidenceKind>(
    sessionId: string,
    kind: K,
    at: number,
    data: EvidenceData<K>,
    credited = 0,
  ) => {
    records.push({
      id: `${l.id}-r${++recordNo}`,
      user_id: l.id,
      session_id: sessionId,
      kind,
      at: new Date(at).toISOString(),
      data,
      credited_ms: credited,
    });
  };
  const clockOffset = rng.int(-90_000, 90_000);

  type Live = { sessionId: string; state: SessionState; plan: Plan; lessonId: string; ip: string; deviceId: string };
  let live: Live | null = null;
  let sessionNo = 0;

  const start = (plan: Plan, at: number, deviceId: string): Live => {
    if (live) keep(live.state, live.lessonId);
    const lesson = l.klass.lessons[plan.lessonIndex % l.klass.lessons.length];
    const sessionId = `${l.id}-s${++sessionNo}`;
    if (live && live.state.endedAt === null)
      push(live.sessionId, 'session_superseded', at, {
        bySession: sessionId,
        lessonId: lesson.id,
        deviceId,
        ip: plan.ip,
        heldMsCarried: live.state.pendingCreditMs,
      });
    const cov = coverage.get(lesson.id) ?? [];
    const frontier = cov.length ? cov[cov.length - 1][1] : 0;
    const position = frontier >= lesson.durationMs * 0.95 ? 0 : frontier;
    const day = new Date(at + 8 * HOUR).toISOString().slice(0, 10);
    const state = startSession(
      {
        sessionId,
        userId: l.id,
        lessonId: lesson.id,
        durationMs: lesson.durationMs,
        at,
        positionMs: position,
        clientTimeMs: at + clockOffset,
        coverage: cov,
        lessonCreditMs: lessonCredit.get(lesson.id) ?? 0,
        lessonFacePasses: 0,
        dayCreditMs: dayCredit.get(day) ?? 0,
        carried: carried.get(lesson.id),
      },
      RULES,
      env,
    );
    push(sessionId, 'session_started', at, {
      classId: l.klass.id,
      courseId: 'course',
      lessonId: lesson.id,
      durationMs: lesson.durationMs,
      positionMs: position,
      deviceId,
      ip: plan.ip,
      userAgent: plan.ua,
      clientTimeMs: at + clockOffset,
      policyRefs: null,
      ...(plan.webdriver === null ? {} : { webdriver: plan.webdriver }),
    });
    return { sessionId, state, plan, lessonId: lesson.id, ip: plan.ip, deviceId };
  };

  const lessons = new Map(l.klass.lessons.map((x) => [x.id, x]));
  const lessonOf = (c: Live) => lessons.get(c.lessonId)!;
  const keep = (s: SessionState, lessonId: string) => {
    coverage.set(lessonId, s.coverage);
    carried.set(lessonId, carriedOf(s));
    lessonCredit.set(lessonId, s.lessonCreditMs);
    dayCredit.set(s.day, s.dayCreditMs);
  };

  for (const plan of l.plans) {
    const lesson = l.klass.lessons[plan.lessonIndex % l.klass.lessons.length];
    const endAt = plan.at + plan.minutes * MIN;
    let t = plan.at;
    let current = start(plan, t, plan.deviceId);
    live = current;
    const human = plan.mode === 'human';
    const face = plan.faceOverride ?? { ...l.face, missed: 0 };
    // Player state.
    let seq = 0;
    let position = current.state.anchor.positionMs;
    let playing = false;
    let visible = true;
    let pausedUntil = 0;
    let hiddenUntil = 0;
    let nextTimer = t + RULES.heartbeatSeconds * S;
    let lastClient = t + clockOffset;
    type Pending = { at: number; checkId: string; kind: 'code' | 'face'; attempts: number; retry?: boolean };
    // Set inside the report and answer closures; the cast keeps TypeScript from narrowing it to null here.
    let pendingAnswer = null as Pending | null;
    let nextRestart = plan.restartsEveryMinutes
      ? t + plan.restartsEveryMinutes * MIN * (0.7 + rng.next() * 0.6)
      : Infinity;
    let restartDevice = 1;
    let dodgeAt = Infinity;
    let seekAheads = plan.seekAheads ?? (rng.chance(l.seekAheadsPerDay / 3) ? rng.int(1, 3) : 0);
    const eventRate = (perHour: number) => (human ? perHour / 180 : 0); // per 20-second step
    const cap = RULES.dailyCapSeconds * S;
    let stopAt = endAt;
    let lastReal = t;
    let mediaClock = 0;
    let pausePending = false;

    /** Reports at `at`: the position moves on under the state the page was in since the last report, then `change` (a person's action) applies. */
    const report = (when: number, forged: boolean, change?: () => void) => {
      // Time only moves forward (an answer or an action may have been scheduled before the last report).
      const at = Math.max(when, lastReal + 1);
      const client = forged
        ? lastClient + RULES.heartbeatSeconds * S
        : Math.max(lastClient + 1, Math.round(at + clockOffset));
      // A video's position follows the media clock; a document's reading timer and a forged player follow the page clock.
      if (playing && visible) {
        const step = forged
          ? RULES.heartbeatSeconds * S
          : lessonOf(current).media === 'document'
            ? client - lastClient
            : at - lastReal;
        position = Math.min(lessonOf(current).durationMs, position + step);
      }
      change?.();
      mediaClock = lessonOf(current).media === 'video' && !forged ? Math.round(rng.normal(0, 14)) : 0;
      lastReal = at;
      lastClient = client;
      const beat: Beat = {
        seq: ++seq,
        positionMs: Math.max(0, Math.round(position + mediaClock)),
        playing,
        rate: 1,
        visible,
        focused: visible,
        clientTimeMs: client,
      };
      const received =
        at + (plan.mode === 'http_script' ? rng.int(20, 120) : Math.round(l.latencyMs * (0.6 + rng.next())));
      const wasPlaying = current.state.anchor.playing && current.state.anchor.visible;
      const out = applyHeartbeat(current.state, beat, received, RULES, env);
      const stamp = received;
      if (out.accepted) {
        held += out.heldMs;
        dropped += Math.max(0, current.state.pendingCreditMs + out.heldMs - out.state.pendingCreditMs);
        if (wasPlaying) played += Math.max(0, out.interval.toAt - out.interval.fromAt);
      }
      if (!out.accepted) {
        push(current.sessionId, 'heartbeat_refused', stamp, { ...beat, reason: out.reason });
        return;
      }
      if (out.expired)
        push(current.sessionId, 'check_missed', stamp, {
          checkId: out.expired.id,
          kind: out.expired.kind,
          deadline: new Date(out.expired.deadline).toISOString(),
        });
      push(
        current.sessionId,
        'heartbeat',
        stamp,
        {
          ...beat,
          effectiveAt: new Date(out.interval.toAt).toISOString(),
          fromPositionMs: out.interval.fromPos,
          heldMs: out.heldMs,
          reason: out.reason,
        },
        out.creditedMs,
      );
      current.state = out.state;
      // The player snaps back to the watched ground when the answer says it was ahead (a seek, reported at once).
      const snap = out.reason === 'skipped_ahead' || out.reason === 'ahead_of_frontier';
      if (out.issued) {
        push(current.sessionId, 'check_issued', stamp, {
          checkId: out.issued.id,
          kind: out.issued.kind,
          code: out.issued.code,
          deadline: new Date(out.issued.deadline).toISOString(),
          ...(out.issued.lessonEnd ? { lessonEnd: true } : {}),
        });
        // A hang-up tool answers nothing; a restart-dodger ends the lesson and starts it again seconds later.
        if (plan.mode === 'dodger') dodgeAt = stamp + rng.int(2, 8) * S;
        else if (plan.mode !== 'silent')
          pendingAnswer = {
            at: stamp + answerDelay(out.issued.kind),
            checkId: out.issued.id,
            kind: out.issued.kind,
            attempts: 0,
          };
        // The page pauses the video while a check is open (and says so at once).
        if (human) pausePending = true;
      }
      const consequences = (out as { consequences?: unknown[] }).consequences;
      if (consequences && consequences.length > 0) current.state = { ...current.state, endedAt: stamp };
      else if (snap) {
        const frontier = frontierOf(current.state);
        report(stamp + 30, false, () => {
          position = Math.min(position, frontier);
        });
      }
    };

    const answerDelay = (kind: 'code' | 'face'): number => {
      if (kind === 'face') return plan.mode === 'http_script' ? 400 : Math.round(rng.logNormal(9000, 0.3));
      switch (plan.mode) {
        case 'http_script':
          return rng.int(80, 600);
        case 'headless':
          return rng.int(250, 1200);
        case 'extension':
        case 'hangup':
          return 800 + rng.int(-60, 60);
        default:
          // Someone away from the screen answers late or not at all.
          if (t < hiddenUntil && rng.chance(0.5)) return rng.int(70, 400) * S;
          return Math.max(1200, Math.round(rng.logNormal(l.answerMedianMs, 0.4)));
      }
    };

    const answer = (at: number) => {
      const p = pendingAnswer!;
      if (p.retry) {
        // Back at the page (or the tool clicks "retry"): a new check for the missed one.
        if (!current.state.check?.failed) {
          pendingAnswer = null;
          return;
        }
        current.state = reissueCheck(current.state, at, RULES, env);
        const c = current.state.check!;
        push(current.sessionId, 'check_issued', at, {
          checkId: c.id,
          kind: c.kind,
          code: c.code,
          deadline: new Date(c.deadline).toISOString(),
          retryOf: p.checkId,
        });
        pendingAnswer = { at: at + answerDelay(c.kind), checkId: c.id, kind: c.kind, attempts: 0 };
        return;
      }
      if (p.kind === 'face' && face.missed > 0 && rng.chance(face.missed)) {
        // Nobody answers: the check runs out; the page is retried a while later.
        pendingAnswer = {
          at: at + 70 * S + rng.int(10, 120) * S,
          checkId: p.checkId,
          kind: p.kind,
          attempts: 0,
          retry: true,
        };
        return;
      }
      let correct = true;
      if (p.kind === 'face') {
        const r = rng.next();
        const result = r < face.pass ? 'pass' : r < face.pass + face.reject ? 'rejected' : 'fail';
        faceChecks.push({
          id: `${l.id}-f${faceChecks.length}`,
          userId: l.id,
          at,
          result,
          reason: result === 'pass' ? null : result === 'rejected' ? 'FACE_TOO_DARK' : 'mismatch',
          distance: result === 'fail' ? 0.55 + rng.next() * 0.3 : result === 'pass' ? 0.3 + rng.next() * 0.15 : null,
          contextId: current.sessionId,
        });
        correct = result === 'pass';
      } else if (human && rng.chance(0.02)) correct = false;
      const out = answerCheck(current.state, p.checkId, correct, at, RULES, env);
      if (!out.accepted) {
        pendingAnswer = null;
        return;
      }
      push(
        current.sessionId,
        'check_answered',
        at,
        {
          checkId: p.checkId,
          kind: p.kind,
          result: out.result,
          attempt: out.check.attempts,
          committedMs: out.committedMs,
        },
        out.committedMs,
      );
      dropped += Math.max(0, current.state.pendingCreditMs - out.committedMs - out.state.pendingCreditMs);
      current.state = out.state;
      committed += out.committedMs;
      keep(current.state, current.lessonId);
      if (out.result === 'wrong')
        pendingAnswer = {
          ...p,
          at: at + (p.kind === 'face' ? rng.int(5, 15) * S : Math.round(rng.logNormal(4000, 0.3))),
          attempts: p.attempts + 1,
        };
      else if (out.result === 'failed' || out.result === 'late') {
        // Ask for a new check and take it.
        const again = reissueCheck(current.state, at + 3 * S, RULES, env);
        current.state = again;
        if (again.check) {
          push(current.sessionId, 'check_issued', at + 3 * S, {
            checkId: again.check.id,
            kind: again.check.kind,
            code: again.check.code,
            deadline: new Date(again.check.deadline).toISOString(),
            retryOf: p.checkId,
          });
          pendingAnswer = {
            at: at + 3 * S + answerDelay(again.check.kind),
            checkId: again.check.id,
            kind: again.check.kind,
            attempts: 0,
          };
        } else pendingAnswer = null;
      } else {
        pendingAnswer = null;
        // The page resumes the video after a passed check: reported at once.
        if (human)
          report(at + 300, false, () => {
            playing = true;
          });
      }
    };

    /** Ends the session as the service does: a check still open is a miss, held ground is carried (ADR 0008). */
    const endIt = (at: number) => {
      const out = endSession(current.state, at, RULES);
      dropped += Math.max(0, current.state.pendingCreditMs - out.state.pendingCreditMs);
      if (out.missed)
        push(current.sessionId, 'check_missed', at, {
          checkId: out.missed.id,
          kind: out.missed.kind,
          deadline: new Date(out.missed.deadline).toISOString(),
          reason: 'session_ended',
        });
      push(current.sessionId, 'session_ended', at, {
        creditedMs: current.state.sessionCreditMs,
        heldMsCarried: out.state.pendingCreditMs,
      });
      current.state = out.state;
    };

    // Loading, then play.
    t += rng.int(800, 4000);
    report(t, false, () => {
      playing = true;
    });
    const eventAt = (back: number) => Math.max(lastReal + 500, t - back * S);
    // A session the engine ended (too many missed face checks) stops a person; a tool or a stand-in starts it again.
    // A person does not leave with a check on the screen: the one at the end of the lesson is answered first.
    const answering = () => human && !!pendingAnswer && !pendingAnswer.retry && pendingAnswer.at < stopAt + 2 * MIN;
    while (t < stopAt || answering()) {
      if (current.state.endedAt !== null && !plan.faceOverride) break;
      // The next thing to happen: the timer, an answer, a restart of another tab, or a person's event.
      let next = nextTimer;
      if (pendingAnswer && pendingAnswer.at < next) next = pendingAnswer.at;
      if (nextRestart < next) next = nextRestart;
      if (dodgeAt < next) next = dodgeAt;
      t = next;
      if (t >= dodgeAt) {
        // The dodger: end the session with the check pending, start the same lesson again (the server's `end`, `start`).
        dodgeAt = Infinity;
        t = Math.max(t, lastReal + 1);
        if (current.state.endedAt === null) endIt(t);
        current = start(plan, t + 1500, current.deviceId);
        live = current;
        seq = 0;
        lastReal = t + 1500;
        lastClient = Math.round(t + 1500 + clockOffset);
        position = current.state.anchor.positionMs;
        pendingAnswer = null;
        playing = true;
        nextTimer = t + 1500 + RULES.heartbeatSeconds * S;
        continue;
      }
      if (pendingAnswer && t >= pendingAnswer.at) {
        t = Math.max(t, lastReal + 1);
        answer(t);
        continue;
      }
      if (t >= nextRestart) {
        // The other page restarts its lesson (ending this one), then this one restarts in turn.
        const device = plan.restartDevices![restartDevice++ % plan.restartDevices!.length];
        current = start(plan, t, device);
        live = current;
        seq = 0;
        lastClient = Math.round(t + clockOffset);
        position = current.state.anchor.positionMs;
        // A check open in the ended page comes with the lesson to the new page (ADR 0008), where the person sitting at
        // both answers it as any other; a failed one is retried there.
        const carriedCheck = current.state.check;
        pendingAnswer =
          carriedCheck && human
            ? {
                at: t + answerDelay(carriedCheck.kind),
                checkId: carriedCheck.id,
                kind: carriedCheck.kind,
                attempts: 0,
                ...(carriedCheck.failed ? { retry: true } : {}),
              }
            : null;
        playing = true;
        nextRestart = t + plan.restartsEveryMinutes! * MIN * (0.7 + rng.next() * 0.6);
        nextTimer = t + RULES.heartbeatSeconds * S;
        continue;
      }
      // A timer tick (with its jitter), and maybe an event of the person just before it.
      nextTimer =
        t +
        RULES.heartbeatSeconds * S +
        (plan.mode === 'http_script' ? rng.int(30, 200) : Math.round(rng.normal(0, l.timerJitterMs)));
      if (human) {
        // Each action is reported at once (the page reports every change), with the state it leads to.
        if (playing && t > pausedUntil && rng.chance(eventRate(l.pausesPerHour))) {
          const at = eventAt(rng.int(1, 15));
          report(at, false, () => {
            playing = false;
            pausedUntil = at + rng.exp(60) * S;
          });
        } else if (!playing && !pendingAnswer && t > pausedUntil) {
          report(eventAt(rng.int(1, 10)), false, () => {
            playing = true;
          });
        }
        if (visible && rng.chance(eventRate(l.hidesPerHour))) {
          const at = eventAt(rng.int(1, 15));
          report(at, false, () => {
            visible = false;
            hiddenUntil = at + rng.exp(90) * S;
          });
        } else if (!visible && t > hiddenUntil) {
          report(eventAt(rng.int(1, 10)), false, () => {
            visible = true;
          });
        }
        if (playing && visible && rng.chance(eventRate(l.seekBacksPerHour))) {
          report(eventAt(rng.int(1, 10)), false, () => {
            position = Math.max(0, position - rng.int(20, 120) * S);
          });
        }
        if (seekAheads > 0 && playing && visible && rng.chance(plan.seekAheads ? 0.25 : 0.02)) {
          seekAheads--;
          report(eventAt(rng.int(1, 10)), false, () => {
            position = Math.min(lesson.durationMs, position + rng.int(2, 10) * MIN);
          });
        }
      }
      report(t, plan.mode === 'http_script');
      if (pausePending) {
        pausePending = false;
        report(t + 200, false, () => {
          playing = false;
        });
      }
      // The video (or the document's reading time) reached its end: a person stops there; a tool plays the next lesson.
      if (position >= lesson.durationMs && human) stopAt = Math.min(stopAt, t + rng.int(5, 30) * S);
      // A tool moves on when the lesson ends, or when the engine ended the session (too many missed face checks).
      const over = current.state.endedAt !== null && !!plan.faceOverride;
      if ((position >= lessonOf(current).durationMs && !human) || over) {
        if (current.state.endedAt === null) {
          // Leaving the page ends its session (the player's keep-alive end request).
          endIt(t + 1 * S);
        }
        plan.lessonIndex += over ? 0 : 1;
        current = start(plan, t + 2 * S, current.deviceId);
        live = current;
        seq = 0;
        lastClient = Math.round(t + 2 * S + clockOffset);
        lastReal = t + 2 * S;
        position = current.state.anchor.positionMs;
        pendingAnswer = null;
        nextTimer = t + 2 * S + RULES.heartbeatSeconds * S;
      }
      // The page says the day's cap is reached: a person stops within minutes (a page left alone does not).
      if (human && current.state.dayCreditMs >= cap && stopAt === endAt) stopAt = t + rng.int(1, 8) * MIN;
    }
    if (current.state.endedAt === null) {
      if (plan.endsCleanly) {
        // A person leaving through the page confirms the time held first (the "Confirm my time" final check).
        if (human && !current.state.check && current.state.pendingCreditMs > 0) {
          current.state = requestFinalCheck(current.state, t + 300, RULES, env);
          const c = current.state.check!;
          push(current.sessionId, 'check_issued', t + 300, {
            checkId: c.id,
            kind: c.kind,
            code: c.code,
            deadline: new Date(c.deadline).toISOString(),
            final: true,
          });
          const at = t + 300 + Math.max(1200, Math.round(rng.logNormal(l.answerMedianMs, 0.4)));
          const out = answerCheck(current.state, c.id, true, at, RULES, env);
          if (out.accepted) {
            push(
              current.sessionId,
              'check_answered',
              at,
              {
                checkId: c.id,
                kind: c.kind,
                result: out.result,
                attempt: out.check.attempts,
                committedMs: out.committedMs,
              },
              out.committedMs,
            );
            dropped += Math.max(0, current.state.pendingCreditMs - out.committedMs - out.state.pendingCreditMs);
            committed += out.committedMs;
            current.state = out.state;
          }
          t = at;
        }
        endIt(t + 500);
      }
    }
    keep(current.state, current.lessonId);
  }
  const waiting = [...carried.values()].reduce((sum, c) => sum + c.pending.reduce((a, [x, y]) => a + (y - x), 0), 0);
  return { records, faceChecks, held, committed, played, waiting, dropped };
}

function frontierOf(s: SessionState): number {
  const all = s.pending.reduce<Segment[]>((acc, seg) => addSegment(acc, seg), [...s.coverage]);
  return all.length ? all[all.length - 1][1] : 0;
}
