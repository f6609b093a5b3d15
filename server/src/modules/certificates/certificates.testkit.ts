import sharp from 'sharp';
import type { Platform } from '../../bootstrap.js';
import { openSealedBytes, sealBytes } from '../../platform/crypto.js';
import { newId } from '../../platform/ids.js';
import type { OnlineCredit, OnlineProgressReader } from '../class-progress/index.js';
import { ProgressService } from '../class-progress/index.js';
import type { AssessmentOutcome, AssessmentResults } from './assessment-results.js';
import { CertificatesService } from './certificates.service.js';
import { alertFraudFindings, type SubsidyHolds } from './holds-and-findings.js';
import { signingKeyFrom } from './signature.js';

// Test set-up for certificates: a fake exams module (AssessmentResults), a fake learning engine crediting online
// seconds per learner (through class-progress's OnlineProgressReader, so hours are still computed by class-progress
// under the class's policy), and a face enrolment with a real sealed JPEG photo.

export const PASSED: AssessmentOutcome = {
  theoryScore: 86,
  theoryPassed: true,
  practicalScore: 78,
  practicalPassed: true,
  passed: true,
};

export class FakeAssessments implements AssessmentResults {
  readonly outcomes = new Map<string, AssessmentOutcome>();
  set(classId: string, learnerId: string, outcome: Partial<AssessmentOutcome>): void {
    const merged = { ...PASSED, ...outcome };
    this.outcomes.set(`${classId}:${learnerId}`, { ...merged, passed: merged.theoryPassed && merged.practicalPassed });
  }
  async outcomeOf(_db: unknown, classId: string, learnerId: string): Promise<AssessmentOutcome> {
    return (
      this.outcomes.get(`${classId}:${learnerId}`) ?? {
        theoryScore: null,
        theoryPassed: false,
        practicalScore: null,
        practicalPassed: false,
        passed: false,
      }
    );
  }
}

/** Credited online seconds per learner of any class, as a fake learning engine reports them. */
export class FakeOnlineCredit implements OnlineProgressReader {
  readonly seconds = new Map<string, number>();
  constructor(private readonly lessonsTotal: number) {}
  async forClass(): Promise<Map<string, OnlineCredit>> {
    return new Map(
      [...this.seconds].map(([userId, creditedSeconds]) => [
        userId,
        { creditedSeconds, lessonsCompleted: this.lessonsTotal, lessonsTotal: this.lessonsTotal },
      ]),
    );
  }
  async forLearner() {
    return [];
  }
}

/** Swaps the platform's certificates service for one reading the fakes (routes look the service up per call). */
export function useFakes(
  p: Platform,
  fakes: { assessments: AssessmentResults; online: OnlineProgressReader; holds?: SubsidyHolds },
): CertificatesService {
  const { db, clock, publicUrl, certificateSigningKey } = p.services.infra;
  const { audit, courses, policies, alerts } = p.services;
  const progress = new ProgressService({ db, clock, audit, courses, policies, online: fakes.online });
  p.services.progress = progress;
  const service = new CertificatesService({
    db,
    clock,
    audit,
    progress,
    assessments: fakes.assessments,
    fraud: alertFraudFindings,
    holds: fakes.holds ?? { heldFor: (_db, classId, userId) => alerts.isSubsidyHeld(userId, classId) },
    photos: { readPhoto: (key) => readSealed(p, key) },
    key: signingKeyFrom(certificateSigningKey),
    publicUrl,
  });
  p.services.certificates = service;
  return service;
}

async function readSealed(p: Platform, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await p.services.infra.blobs.open(key)) chunks.push(Buffer.from(chunk as Buffer));
  return openSealedBytes(p.services.infra.cipher, Buffer.concat(chunks));
}

/** A portrait-shaped JPEG (a face-coloured oval on blue), small enough to be quick. */
export async function portraitJpeg(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="210" height="270">
    <rect width="210" height="270" fill="#3b82f6"/><ellipse cx="105" cy="120" rx="55" ry="70" fill="#f1c6a7"/>
    <rect x="35" y="200" width="140" height="70" rx="30" fill="#1f2937"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}

/** An active live face enrolment for the learner, with the photo sealed in the blob store as faces stores it. */
export async function enrolFacePhoto(p: Platform, userId: string, photo: Buffer): Promise<string> {
  const { db, blobs, cipher, clock } = p.services.infra;
  const id = newId();
  const key = `faces/${userId}/${id}.jpg.enc`;
  await blobs.put(key, sealBytes(cipher, photo));
  await db
    .insertInto('face_enrolments')
    .values({
      id,
      user_id: userId,
      source: 'live',
      status: 'active',
      slot: 'live:active',
      descriptor_enc: cipher.encrypt('test'),
      photo_key: key,
      engine: 'test',
      quality: '{}',
      compared_distance: null,
      compared_threshold: null,
      reason: null,
      created_by: userId,
      created_at: clock.now().toISOString(),
      decided_by: null,
      decided_at: null,
      decision_note: null,
    })
    .execute();
  return id;
}
