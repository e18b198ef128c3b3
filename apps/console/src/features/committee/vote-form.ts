/** The vote form's rules (the server checks them again): a choice, and a rationale others can follow. */
export const VOTE_OPTIONS = [
  { value: 'APPROVE', label: 'Approve', color: 'green' },
  { value: 'REJECT', label: 'Reject', color: 'red' },
  { value: 'ABSTAIN', label: 'Abstain', color: 'gray' },
] as const;
export type VoteValue = (typeof VOTE_OPTIONS)[number]['value'];

export const MIN_RATIONALE = 10;

export function voteProblem(vote: string | null, rationale: string): string | null {
  if (!vote) return 'Choose approve, reject or abstain.';
  if (rationale.trim().length < MIN_RATIONALE)
    return `Write your rationale (at least ${MIN_RATIONALE} characters): the chair reads it before deciding.`;
  if (rationale.length > 10_000) return 'The rationale is longer than 10,000 characters.';
  return null;
}

export const voteColor = (v: string) => VOTE_OPTIONS.find((o) => o.value === v)?.color ?? 'gray';
