import { describe, expect, it } from 'vitest';
import { navFor } from '@/app/nav';
import { labelOf } from '@/features/notifications/event-labels';
import { closeOutAllowed } from './GrantLifecyclePanel';

describe('grant lifecycle and notification screens', () => {
  it('offers a close-out only once the grant has ended', () => {
    expect(closeOutAllowed('APPROVED', true)).toBe(false);
    expect(closeOutAllowed('EXPIRED', true)).toBe(true);
    expect(closeOutAllowed('REVOKED', true)).toBe(true);
    expect(closeOutAllowed('WITHDRAWN', true)).toBe(true);
    expect(closeOutAllowed('WITHDRAWN', false)).toBe(false);
    expect(closeOutAllowed('SUBMITTED', false)).toBe(false);
  });
  it('shows the dead-letter list to administrators only, preferences to everyone', () => {
    const links = (roles: Parameters<typeof navFor>[0]) =>
      navFor(roles).flatMap((s) => s.items.map((i) => i.to));
    expect(links(['admin'])).toContain('/admin/notifications');
    expect(links(['researcher'])).not.toContain('/admin/notifications');
    expect(links(['researcher'])).toContain('/notifications');
    expect(links(['dac_member'])).toContain('/notifications');
  });
  it('names every event in words', () => {
    expect(labelOf('grant.expiring')).toMatch(/ends soon/);
    expect(labelOf('unknown.type')).toBe('unknown.type');
  });
});
