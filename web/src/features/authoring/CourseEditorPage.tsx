export function CourseEditorPage() {
  return null;
}
