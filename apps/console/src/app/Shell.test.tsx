import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { signInAs } from '@/test/fake-session';
import { Shell } from './Shell';

vi.mock('./session', () => import('@/test/fake-session'));

function currentAt(path: string, as: string[]) {
  signInAs(...as);
  render(
    <MantineProvider>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route element={<Shell />}>
            <Route path="*" element={<p>screen</p>} />
          </Route>
        </Routes>
      </MemoryRouter>
    </MantineProvider>,
  );
  const nav = screen.getByRole('navigation', { name: 'Main navigation' });
  return [...nav.querySelectorAll('[aria-current="page"]')].map((e) => e.textContent);
}

describe('the navigation', () => {
  it('marks only the current screen as the current page, not a shorter path that prefixes it', () => {
    expect(currentAt('/review/expiring', ['steward'])).toEqual(['Expiring grants']);
  });
  it('marks the audit screens apart', () => {
    expect(currentAt('/audit/participants', ['compliance'])).toEqual(['Participant access']);
  });
  it('keeps the list current on one of its items (/review/123 → Request queue)', () => {
    expect(currentAt('/review/123', ['steward'])).toEqual(['Request queue']);
  });
});
