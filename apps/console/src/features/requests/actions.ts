/** Checks of the steward's action bar, done before anything is sent. */

/** The longest grant the API accepts (access-request.service MAX_GRANT_DAYS). */
export const MAX_GRANT_DAYS = 3 * 365;
export function expiryProblem(date: string, today = new Date()): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return 'Choose the date the grant ends';
  const end = new Date(`${date}T23:59:59Z`);
  if (Number.isNaN(end.getTime())) return 'Not a date';
  if (end.getTime() <= today.getTime()) return 'The end date must be in the future';
  if (end.getTime() > today.getTime() + MAX_GRANT_DAYS * 86400_000) return 'At most three years';
  return null;
}

/** The grant's end as the API takes it: the end of that day, UTC. */
export const expiryInstant = (date: string) => new Date(`${date}T23:59:59Z`).toISOString();

export const noteProblem = (note: string, what: string) =>
  note.trim().length < 3 ? `Write the ${what} (the researcher sees it)` : null;

export function defaultExpiry(today = new Date()): string {
  const d = new Date(today.getTime() + 365 * 86400_000);
  return d.toISOString().slice(0, 10);
}
