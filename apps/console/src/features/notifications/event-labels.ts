/** What each notification event is, in words (the preferences screen and the operator's list). */
export const EVENT_LABELS: Record<string, string> = {
  'request.submitted': 'A request (or renewal) is submitted for a dataset I steward',
  'request.returned': 'My request is returned for changes',
  'request.approved': 'My request is approved',
  'request.rejected': 'My request is rejected',
  'request.withdrawn': 'A request for a dataset I steward is withdrawn',
  'grant.revoked': 'My grant is revoked',
  'grant.expiring': 'My grant ends soon (reminders)',
  'grant.expired': 'My grant has ended',
  'closeout.due': 'A close-out is due for my project',
  'closeout.recorded': 'A researcher recorded a close-out (steward)',
  'review.requested': 'My review is requested (committee)',
  'vote.cast': 'A committee member voted on a request I handle',
};

export const labelOf = (type: string) => EVENT_LABELS[type] ?? type;
