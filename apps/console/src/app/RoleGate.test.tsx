import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { signInAs } from '@/test/fake-session';
import { forWhom, RoleGate } from './RoleGate';
import { routes } from './routes';

vi.mock('./session', () => import('@/test/fake-session'));

function open(path: string, as: string[]) {
  signInAs(...as);
  render(
    <MantineProvider>
      <RouterProvider router={createMemoryRouter(routes, { initialEntries: [path] })} />
    </MantineProvider>,
  );
}

describe('a screen of another role', () => {
  it('says who the page is for and shows nothing of the screen', async () => {
    open('/review', ['researcher']);
    const gate = await screen.findByTestId('role-gate', {}, { timeout: 10_000 });
    expect(gate.textContent).toMatch(/This page is for data stewards\./);
    expect(screen.queryByText('Access requests for the datasets you steward.')).toBeNull();
  });

  it('the users screen opened by a compliance officer offers no Add-a-user form', async () => {
    open('/admin/users', ['compliance']);
    const gate = await screen.findByTestId('role-gate', {}, { timeout: 10_000 });
    expect(gate.textContent).toMatch(/This page is for administrators\./);
    expect(screen.queryByText('Add a user')).toBeNull();
    expect(screen.queryByLabelText(/Username/)).toBeNull();
  });

  it('lets the role through', () => {
    signInAs('steward');
    render(
      <MantineProvider>
        <RoleGate roles={['steward']}>
          <p>the queue</p>
        </RoleGate>
      </MantineProvider>,
    );
    expect(screen.getByText('the queue')).toBeInTheDocument();
    expect(screen.queryByTestId('role-gate')).toBeNull();
    expect(forWhom(['dac_member', 'dac_chair'])).toBe(
      'data access committee members and data access committee chairs',
    );
  });
});
