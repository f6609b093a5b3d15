// The module map: for every module under server/src/modules, the modules it may import (always through their
// index.ts). The arrows point down the layers and never back; architecture.test.ts fails on an import that is not
// here, and on a map that has a cycle. ARCHITECTURE.md ("Module map") draws the same map. When a lower module needs
// something of a higher one, it declares a port (an interface it owns) and services.ts wires the higher module in:
// class-progress/online-progress.ts, attendance's TheoryProgress and AttendanceFaceCheck, learning's FaceVerifier,
// identity/institution-lookup.ts.
import type { AllowedArrows } from './graph.js';

export const ALLOWED_ARROWS = {
  // Foundations: no domain below them but platform/ and adapters/.
  regions: [],
  jobs: [],
  audit: ['regions'],
  calendar: ['audit'],
  policies: ['audit', 'regions'],
  // People and institutions.
  identity: ['audit', 'regions'],
  institutions: ['audit', 'regions', 'calendar', 'policies', 'identity'],
  // Content.
  catalog: ['audit', 'regions', 'policies', 'institutions'],
  media: ['audit', 'jobs', 'institutions', 'catalog'],
  // Classes and what hangs off them.
  classes: ['audit', 'regions', 'calendar', 'policies', 'identity', 'institutions', 'catalog'],
  teachers: ['audit', 'regions', 'institutions', 'classes'],
  attendance: ['audit', 'policies', 'classes'],
  enrolment: ['audit', 'regions', 'policies', 'identity', 'institutions', 'catalog', 'classes', 'attendance'],
  'class-progress': ['audit', 'policies', 'catalog', 'classes', 'attendance'],
  // Supervised learning and faces (faces implements learning's FaceVerifier port).
  learning: ['audit', 'policies', 'identity', 'catalog', 'classes', 'attendance', 'class-progress'],
  faces: ['audit', 'regions', 'identity', 'learning'],
  // Exams: supervised like learning (its evidence chain, the theory gate), below early warning.
  exams: ['audit', 'regions', 'jobs', 'policies', 'catalog', 'classes', 'attendance', 'learning', 'question-banks'],
  // Supervision on top.
  alerts: ['audit', 'regions', 'jobs', 'policies', 'catalog', 'classes', 'learning', 'exams'],
  stats: [
    'audit',
    'regions',
    'jobs',
    'policies',
    'identity',
    'classes',
    'attendance',
    'class-progress',
    'learning',
    'faces',
  ],
  // Certificates: issued when a class closes from its hours, assessments (the AssessmentResults port), fraud findings
  // and subsidy holds; alerts call proposeRevocationForFraud through a hook services.ts wires.
  certificates: ['audit', 'regions', 'identity', 'catalog', 'classes', 'enrolment', 'class-progress', 'faces'],
  // Assessment: question banks and papers.
  'question-banks': ['audit', 'regions', 'institutions', 'catalog'],
  // Public money (issue 17): claims on classes, their hours and the policy versions they keep; certificates, exam
  // outcomes and supervision holds come in through its own ports (subsidies/ports.ts).
  // Consequences of confirmed fraud come in the other way: alerts calls RecoveryService.onFindingConfirmed through
  // a hook services.ts wires (as it does for teachers' disqualifyForFinding and institutions' recordConfirmedFinding).
  subsidies: [
    'audit',
    'regions',
    'jobs',
    'calendar',
    'policies',
    'identity',
    'institutions',
    'catalog',
    'classes',
    'class-progress',
  ],
  home: ['regions'],
  // The evidence seal (issue 18): reads the append-only evidence tables through SQL (no module code), signs checkpoints.
  seal: ['jobs'],
} as const satisfies AllowedArrows;
