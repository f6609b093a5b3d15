import { lazy, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import { setNavigator, setSessionLostHandler } from '../api/client';
import { queryClient } from '../api/query-client';
import { ForgotPasswordPage } from '../features/auth/ForgotPasswordPage';
import { InvitePage } from '../features/auth/InvitePage';
import { LoginPage } from '../features/auth/LoginPage';
import { RegisterPage } from '../features/auth/RegisterPage';
import { SignedOutElsewherePage } from '../features/auth/SignedOutElsewherePage';
import { PublicLayout } from '../features/catalog/PublicLayout';
import { InstitutionHomeGate } from '../features/institutions/InstitutionGate';
import { RegisterInstitutionPage } from '../features/institutions/RegisterInstitutionPage';
import { NotFoundPage } from './NotFoundPage';
import { SectionGuard } from './SectionGuard';
import type { Section } from './sections';
import { SignedInApp } from './SignedInApp';

// Pages behind sign-in are loaded on demand to keep the first download small.
function page<M>(load: () => Promise<M>, pick: (module: M) => ComponentType) {
  return lazy(async () => ({ default: pick(await load()) }));
}
const HomePage = page(
  () => import('../features/home/HomePage'),
  (m) => m.HomePage,
);
const UsersPage = page(
  () => import('../features/users/UsersPage'),
  (m) => m.UsersPage,
);
const InstitutionsPage = page(
  () => import('../features/institutions/InstitutionsPage'),
  (m) => m.InstitutionsPage,
);
const ApplicationPage = page(
  () => import('../features/institutions/ApplicationPage'),
  (m) => m.ApplicationPage,
);
const InstitutionQueuePage = page(
  () => import('../features/institutions/InstitutionQueuePage'),
  (m) => m.InstitutionQueuePage,
);
const InstitutionReviewPage = page(
  () => import('../features/institutions/InstitutionReviewPage'),
  (m) => m.InstitutionReviewPage,
);
const InvitationsPage = page(
  () => import('../features/invitations/InvitationsPage'),
  (m) => m.InvitationsPage,
);
const AuditPage = page(
  () => import('../features/audit/AuditPage'),
  (m) => m.AuditPage,
);
const CatalogPage = page(
  () => import('../features/catalog/CatalogPage'),
  (m) => m.CatalogPage,
);
const CoursePage = page(
  () => import('../features/catalog/CoursePage'),
  (m) => m.CoursePage,
);
const AuthoringListPage = page(
  () => import('../features/authoring/AuthoringListPage'),
  (m) => m.AuthoringListPage,
);
const CourseEditorPage = page(
  () => import('../features/authoring/CourseEditorPage'),
  (m) => m.CourseEditorPage,
);
const ClassListPage = page(
  () => import('../features/classes/ClassListPage'),
  (m) => m.ClassListPage,
);
const ClassPage = page(
  () => import('../features/classes/ClassPage'),
  (m) => m.ClassPage,
);
const ReviewClassPage = page(
  () => import('../features/classes/ClassPage'),
  (m) => m.ReviewClassPage,
);
const ReviewQueuePage = page(
  () => import('../features/classes/ReviewQueuePage'),
  (m) => m.ReviewQueuePage,
);
const TeachersPage = page(
  () => import('../features/teachers/TeachersPage'),
  (m) => m.TeachersPage,
);
const QuestionBanksPage = page(
  () => import('../features/question-banks/QuestionBanksPage'),
  (m) => m.QuestionBanksPage,
);
const BankPage = page(
  () => import('../features/question-banks/BankPage'),
  (m) => m.BankPage,
);
const PapersPage = page(
  () => import('../features/question-banks/PapersPage'),
  (m) => m.PapersPage,
);
const PaperBuilder = page(
  () => import('../features/question-banks/PaperBuilder'),
  (m) => m.PaperBuilder,
);
const MyClassesPage = page(
  () => import('../features/learning-classes/MyClassesPage'),
  (m) => m.MyClassesPage,
);
const MyClassPage = page(
  () => import('../features/learning-classes/MyClassPage'),
  (m) => m.MyClassPage,
);
const ScanPage = page(
  () => import('../features/learning-classes/ScanPage'),
  (m) => m.ScanPage,
);
const OpenClassesPage = page(
  () => import('../features/learning-classes/OpenClassesPage'),
  (m) => m.OpenClassesPage,
);
const VenueQrPage = page(
  () => import('../features/learning-classes/VenueQrPage'),
  (m) => m.VenueQrPage,
);
const LessonListPage = page(
  () => import('../features/learning/LessonListPage'),
  (m) => m.LessonListPage,
);
const PlayerPage = page(
  () => import('../features/learning/PlayerPage'),
  (m) => m.PlayerPage,
);
const ClassExamsPage = page(
  () => import('../features/exams/ClassExamsPage'),
  (m) => m.ClassExamsPage,
);
const ExamTakePage = page(
  () => import('../features/exams/ExamTakePage'),
  (m) => m.ExamTakePage,
);
const ExamReviewPage = page(
  () => import('../features/exams/ReviewPage'),
  (m) => m.ReviewPage,
);
const GradingPage = page(
  () => import('../features/exams/GradingPage'),
  (m) => m.GradingPage,
);
const AssessmentPage = page(
  () => import('../features/exams/AssessmentPage'),
  (m) => m.AssessmentPage,
);
const OccupationsPage = page(
  () => import('../features/manage/OccupationsPage'),
  (m) => m.OccupationsPage,
);
const PoliciesPage = page(
  () => import('../features/manage/PoliciesPage'),
  (m) => m.PoliciesPage,
);
const CampaignsPage = page(
  () => import('../features/manage/CampaignsPage'),
  (m) => m.CampaignsPage,
);
const WorkCalendarPage = page(
  () => import('../features/calendar/WorkCalendarPage'),
  (m) => m.WorkCalendarPage,
);
const RecoveryOrdersPage = page(
  () => import('../features/consequences/RecoveryOrdersPage'),
  (m) => m.RecoveryOrdersPage,
);
const CreditPage = page(
  () => import('../features/consequences/CreditPage'),
  (m) => m.CreditPage,
);
const ProfilePage = page(
  () => import('../features/profile/ProfilePage'),
  (m) => m.ProfilePage,
);
const DashboardPage = page(
  () => import('../features/dashboard/DashboardPage'),
  (m) => m.DashboardPage,
);
const TraceSearchPage = page(
  () => import('../features/trace/TraceSearchPage'),
  (m) => m.TraceSearchPage,
);
const TimelinePage = page(
  () => import('../features/trace/TimelinePage'),
  (m) => m.TimelinePage,
);
const InspectionPage = page(
  () => import('../features/inspection/InspectionPage'),
  (m) => m.InspectionPage,
);
const AlertsPage = page(
  () => import('../features/alerts/AlertsPage'),
  (m) => m.AlertsPage,
);
const AlertDetailPage = page(
  () => import('../features/alerts/AlertDetailPage'),
  (m) => m.AlertDetailPage,
);
const FaceEnrolPage = page(
  () => import('../features/faces/FaceEnrolPage'),
  (m) => m.FaceEnrolPage,
);
const FacesPage = page(
  () => import('../features/faces/FacesPage'),
  (m) => m.FacesPage,
);
const LearnerFacesPage = page(
  () => import('../features/faces/LearnerFacesPage'),
  (m) => m.LearnerFacesPage,
);

const CertificatesPage = page(
  () => import('../features/certificates/CertificatesPage'),
  (m) => m.CertificatesPage,
);
const VerifyPage = page(
  () => import('../features/certificates/VerifyPage'),
  (m) => m.VerifyPage,
);
const SubsidiesPage = page(
  () => import('../features/subsidies/SubsidiesPage'),
  (m) => m.SubsidiesPage,
);
const NewClaimPage = page(
  () => import('../features/subsidies/NewClaimPage'),
  (m) => m.NewClaimPage,
);
const ClaimPage = page(
  () => import('../features/subsidies/ClaimPage'),
  (m) => m.ClaimPage,
);
const BatchesPage = page(
  () => import('../features/subsidies/BatchesPage'),
  (m) => m.BatchesPage,
);
const MySubsidiesPage = page(
  () => import('../features/subsidies/MySubsidiesPage'),
  (m) => m.MySubsidiesPage,
);

function guarded(section: Section, element: ReactNode) {
  return <SectionGuard section={section}>{element}</SectionGuard>;
}

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  { path: '/register', element: <RegisterPage /> },
  { path: '/register-institution', element: <RegisterInstitutionPage /> },
  { path: '/forgot-password', element: <ForgotPasswordPage /> },
  { path: '/signed-out-elsewhere', element: <SignedOutElsewherePage /> },
  { path: '/invite/:token', element: <InvitePage /> },
  {
    // The catalogue for visitors: public endpoints only, never the session.
    path: '/explore',
    element: <PublicLayout />,
    children: [
      { index: true, element: <CatalogPage /> },
      { path: 'courses/:id', element: <CoursePage /> },
    ],
  },
  {
    // Certificate verification for anyone, from the QR code on a certificate: public endpoints only.
    path: '/verify',
    element: <PublicLayout />,
    children: [
      { index: true, element: <VerifyPage /> },
      { path: ':number', element: <VerifyPage /> },
    ],
  },
  {
    path: '/',
    element: <SignedInApp />,
    children: [
      {
        index: true,
        element: (
          <InstitutionHomeGate>
            <HomePage />
          </InstitutionHomeGate>
        ),
      },
      { path: 'my-institution', element: guarded('application', <ApplicationPage />) },
      { path: 'catalog', element: <CatalogPage /> },
      { path: 'catalog/courses/:id', element: <CoursePage /> },
      { path: 'courses', element: guarded('courses', <AuthoringListPage />) },
      { path: 'courses/:id', element: guarded('courses', <CourseEditorPage />) },
      { path: 'classes', element: guarded('classes', <ClassListPage />) },
      { path: 'classes/new', element: guarded('classes', <ClassPage />) },
      { path: 'classes/:id', element: guarded('classes', <ClassPage />) },
      { path: 'classes/:id/sessions/:sessionId/qr', element: guarded('classes', <VenueQrPage />) },
      { path: 'my/classes', element: guarded('myClasses', <MyClassesPage />) },
      { path: 'my/classes/:id', element: guarded('myClasses', <MyClassPage />) },
      { path: 'my/classes/:id/sessions/:sessionId/scan', element: guarded('myClasses', <ScanPage />) },
      { path: 'open-classes', element: guarded('openClasses', <OpenClassesPage />) },
      { path: 'learn/:classId', element: guarded('myClasses', <LessonListPage />) },
      { path: 'learn/:classId/:lessonId', element: guarded('myClasses', <PlayerPage />) },
      { path: 'my/classes/:classId/exams', element: guarded('myClasses', <ClassExamsPage />) },
      { path: 'my/classes/:classId/exams/:examId', element: guarded('myClasses', <ExamTakePage />) },
      { path: 'my/classes/:classId/exams/review/:attemptId', element: guarded('myClasses', <ExamReviewPage />) },
      { path: 'classes/:id/assessment', element: guarded('classes', <AssessmentPage />) },
      { path: 'classes/:classId/exams/:examId/grading', element: guarded('classes', <GradingPage />) },
      { path: 'teachers', element: guarded('teachers', <TeachersPage />) },
      { path: 'question-banks', element: guarded('questionBanks', <QuestionBanksPage />) },
      { path: 'question-banks/:id', element: guarded('questionBanks', <BankPage />) },
      { path: 'papers', element: guarded('papers', <PapersPage />) },
      { path: 'papers/new', element: guarded('papers', <PaperBuilder />) },
      { path: 'papers/:id', element: guarded('papers', <PaperBuilder />) },
      { path: 'reviews', element: guarded('review', <ReviewQueuePage />) },
      { path: 'reviews/:id', element: guarded('review', <ReviewClassPage />) },
      { path: 'institution-reviews', element: guarded('institutionReview', <InstitutionQueuePage />) },
      { path: 'institution-reviews/:id', element: guarded('institutionReview', <InstitutionReviewPage />) },
      { path: 'occupations', element: guarded('occupations', <OccupationsPage />) },
      { path: 'policies', element: guarded('policies', <PoliciesPage />) },
      { path: 'campaigns', element: guarded('campaigns', <CampaignsPage />) },
      { path: 'work-calendar', element: guarded('calendar', <WorkCalendarPage />) },
      { path: 'recovery-orders', element: guarded('recovery', <RecoveryOrdersPage />) },
      { path: 'credit', element: guarded('credit', <CreditPage />) },
      { path: 'credit/:id', element: guarded('credit', <CreditPage />) },
      { path: 'users', element: guarded('users', <UsersPage />) },
      { path: 'institutions', element: guarded('institutions', <InstitutionsPage />) },
      { path: 'invitations', element: guarded('invitations', <InvitationsPage />) },
      { path: 'audit', element: guarded('audit', <AuditPage />) },
      { path: 'dashboard', element: guarded('dashboard', <DashboardPage />) },
      { path: 'trace', element: guarded('trace', <TraceSearchPage />) },
      { path: 'trace/:userId', element: guarded('trace', <TimelinePage />) },
      { path: 'inspection', element: guarded('inspection', <InspectionPage />) },
      { path: 'alerts', element: guarded('alerts', <AlertsPage />) },
      { path: 'alerts/:id', element: guarded('alerts', <AlertDetailPage />) },
      { path: 'face-enrolment', element: <FaceEnrolPage /> },
      { path: 'faces', element: guarded('faces', <FacesPage />) },
      { path: 'faces/learners/:userId', element: guarded('faces', <LearnerFacesPage />) },
      { path: 'certificates', element: guarded('certificates', <CertificatesPage />) },
      { path: 'subsidies', element: guarded('subsidies', <SubsidiesPage />) },
      { path: 'subsidies/classes/:classId/claim', element: guarded('subsidies', <NewClaimPage />) },
      { path: 'subsidies/claims/:id', element: guarded('subsidies', <ClaimPage />) },
      { path: 'subsidy-batches', element: guarded('subsidyBatches', <BatchesPage />) },
      { path: 'my/subsidies', element: guarded('mySubsidies', <MySubsidiesPage />) },
      { path: 'profile', element: <ProfilePage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

// The API client sends the browser here when a session ends (signed in elsewhere, expired).
setNavigator((to) => void router.navigate(to, { replace: true }));
setSessionLostHandler(() => {
  // After the navigation has unmounted the signed-in pages, forget their data.
  setTimeout(() => queryClient.clear(), 0);
});
