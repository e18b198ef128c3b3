import {
  AppShell,
  Badge,
  Burger,
  Button,
  Group,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense } from 'react';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { Loading } from '@/components/states';
import { navFor } from './nav';
import { useSession } from './session';

/** The signed-in frame: header with the person, navigation by role, and the current screen. */
export function Shell() {
  const { state, signOut } = useSession();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure();
  if (state.status === 'loading') return <Loading label="Checking your session…" />;
  if (state.status === 'signed-out') {
    const returnTo = location.pathname + location.search;
    return <Navigate to={`/sign-in?returnTo=${encodeURIComponent(returnTo)}`} replace />;
  }
  const { user } = state;
  const sections = navFor(user.roles);
  // The item whose path is the longest prefix of the current one is active (/review/123 → Request queue).
  const best = sections
    .flatMap((sec) => sec.items.map((i) => i.to))
    .filter((to) => location.pathname === to || location.pathname.startsWith(`${to}/`))
    .sort((a, b) => b.length - a.length)[0];
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
            />
            <Title order={2} size="h4">
              Helixgate Console
            </Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Stack gap={0} align="flex-end" visibleFrom="xs">
              <Text size="sm" fw={600} data-testid="signed-in-as">
                {user.name}
              </Text>
              <Text size="xs" c="dimmed">
                {user.institution ?? 'no institution'} · {user.roles.join(', ')}
              </Text>
            </Stack>
            <Button variant="default" size="xs" onClick={() => void signOut()}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        <ScrollArea>
          {sections.map((section) => (
            <Stack key={section.title} gap={2} mb="sm">
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="xs">
                {section.title}
              </Text>
              {section.items.map((item) => (
                <NavLink
                  key={item.to}
                  component={Link}
                  to={item.to}
                  label={item.label}
                  active={item.to === best}
                  // Only the best match is the current page (react-router's NavLink marked every prefix:
                  // /review/expiring made Request queue current too).
                  aria-current={item.to === best ? 'page' : undefined}
                  onClick={close}
                />
              ))}
            </Stack>
          ))}
          {sections.length === 0 ? (
            <Badge color="gray" m="sm">
              no role on this node
            </Badge>
          ) : null}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
