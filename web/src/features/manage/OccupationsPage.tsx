export function OccupationsPage() {
  return null;
}
