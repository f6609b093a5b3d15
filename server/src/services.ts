import type { Kysely } from 'kysely';
import type { BlobStore } from './adapters/blobs.js';
import type { Dialect } from './adapters/db.js';
import type { HotState } from './adapters/hotstate.js';
import type { SmsProvider } from './adapters/sms.js';
import type { Database } from './database/schema.js';
import type { Clock } from './platform/clock.js';
import type { AuthSettings, UploadLimits } from './platform/config.js';
import { PiiCipher } from './platform/crypto.js';
import { AuditService } from './modules/audit/audit.service.js';
import { AuthService } from './modules/identity/auth.service.js';
import { InvitationsService } from './modules/identity/invitations.service.js';
import { UsersService } from './modules/identity/users.service.js';
import { HomeService } from './modules/home/home.service.js';
import { InstitutionsService } from './modules/institutions/index.js';
import { LocalJobRunner } from './modules/jobs/jobs.js';
import { PoliciesService } from './modules/catalog/policies.service.js';
import { CoursesService } from './modules/catalog/courses.service.js';
import { ReferenceService } from './modules/catalog/reference.service.js';
import { CampaignsService } from './modules/catalog/campaigns.service.js';
import { ClassesService } from './modules/classes/classes.service.js';
import { TeachersService } from './modules/classes/teachers.service.js';
import { EnrolmentService } from './modules/classes/enrolment.service.js';
import { AttendanceService, LessonRecordsTheoryProgress } from './modules/classes/attendance.service.js';
import { MediaService } from './modules/media/media.service.js';

export type Infrastructure = {
  db: Kysely<Database>;
  dialect: Dialect;
  clock: Clock;
  cipher: PiiCipher;
  hot: HotState;
  sms: SmsProvider;
  auth: AuthSettings;
  publicUrl: string;
  blobs: BlobStore;
  uploads: UploadLimits;
  /** Where jobs log; the HTTP app's logger once it exists. */
  log?: { info: (obj: object, msg?: string) => void; error: (obj: object, msg?: string) => void };
};

/** Wires the services from the infrastructure; the same graph serves HTTP, jobs, seeds and tests. */
export function createServices(infra: Infrastructure) {
  const { db, dialect, clock, cipher, hot, sms } = infra;
  const audit = new AuditService({ db, dialect, clock });
  const auth = new AuthService({ db, clock, cipher, hot, sms, audit, settings: infra.auth });
  const jobs = new LocalJobRunner({ db, clock, log: infra.log, concurrency: 2 });
  const policies = new PoliciesService({ db, clock, audit });
  const courses = new CoursesService({ db, dialect, clock, audit, policies });
  const classes = new ClassesService({ db, clock, cipher, audit, courses, policies });
  return {
    infra,
    audit,
    auth,
    jobs,
    policies,
    courses,
    reference: new ReferenceService({ db, clock, audit, policies }),
    campaigns: new CampaignsService({ db, clock, audit, courses }),
    classes,
    teachers: new TeachersService({ db, clock, audit }),
    enrolment: new EnrolmentService({ db, clock, cipher, audit }),
    // Online theory gates offline practice; the learning engine will answer from its progress records.
    attendance: new AttendanceService({ db, clock, cipher, hot, blobs: infra.blobs, audit, policies, classes, theory: new LessonRecordsTheoryProgress({ db }) }),
    media: new MediaService({ db, clock, audit, jobs, blobs: infra.blobs, uploads: infra.uploads, log: infra.log }),
    users: new UsersService({ db, clock, cipher, audit, auth }),
    invitations: new InvitationsService({ db, clock, cipher, audit, auth, publicUrl: infra.publicUrl }),
    institutions: new InstitutionsService({ db }),
    home: new HomeService({ db }),
  };
}

export type Services = ReturnType<typeof createServices>;
