export function AuthoringListPage() {
  return null;
}
