import { describe, expect, it } from 'vitest';
import type { Action } from '../../../contracts/actions.ts';
import type { Reach, SessionState } from '../../../contracts/auth.ts';
import type { ModuleNavItem } from './modules.ts';
import { isCurrent, navigationFor } from './navigation.ts';

type SignedIn = Extract<SessionState, { state: 'signed_in' }>;

function sessionWith(permissions: Action[], reach: Reach, outboxEnabled = true): SignedIn {
  return {
    state: 'signed_in',
    demo: false,
    user: {
      id: '00000000-0000-4000-8000-000000000001',
      name: 'Sanne Mulder',
      email: 'sanne@school.test',
      locale: 'nl',
      roles: [],
      recoveryCodesLeft: 10,
    },
    tenant: { id: '00000000-0000-4000-8000-000000000002', name: 'SWV Rijn en Vallei' },
    permissions,
    reach,
    outboxEnabled,
  };
}

const items: ModuleNavItem[] = [
  {
    to: '/hulpvragen',
    label: 'requests',
    group: 'work',
    action: 'requests.read',
    sector: 'primary',
    orHas: 'requests',
  },
  {
    to: '/signalen',
    label: 'ownSignals',
    group: 'work',
    action: 'trajectories.own_signals',
    sector: 'secondary',
  },
  { to: '/scholen', label: 'schools', group: 'organisation', action: 'locations.read' },
  { to: '/koppelingen', label: 'pairs', group: 'organisation', action: 'pairs.read', sector: 'primary' },
  {
    to: '/expertisepunten',
    label: 'expertisePoints',
    group: 'organisation',
    action: 'expertise_points.read',
    sector: 'secondary',
  },
];

describe('navigationFor', () => {
  it('leaves out what the user may not do', () => {
    const session = sessionWith(['locations.read'], { sectors: ['primary'], has: [] });
    expect(navigationFor(session, items)).toEqual([{ kind: 'link', to: '/scholen', label: 'schools' }]);
  });

  it('shows an item of a sector only to someone who works there: a primary teacher gets no signals or expertise points', () => {
    const permissions: Action[] = [
      'locations.read',
      'pairs.read',
      'expertise_points.read',
      'trajectories.own_signals',
    ];
    const primary = navigationFor(sessionWith(permissions, { sectors: ['primary'], has: [] }), items);
    expect(primary).toEqual([
      {
        kind: 'group',
        group: 'organisation',
        links: [
          { to: '/scholen', label: 'schools' },
          { to: '/koppelingen', label: 'pairs' },
        ],
      },
    ]);
    const secondary = navigationFor(sessionWith(permissions, { sectors: ['secondary'], has: [] }), items);
    expect(secondary).toEqual([
      { kind: 'link', to: '/signalen', label: 'ownSignals' },
      {
        kind: 'group',
        group: 'organisation',
        links: [
          { to: '/scholen', label: 'schools' },
          { to: '/expertisepunten', label: 'expertisePoints' },
        ],
      },
    ]);
  });

  it('shows the requests outside primary education only to someone who has some', () => {
    const without = sessionWith(['requests.read'], { sectors: ['secondary'], has: [] });
    expect(navigationFor(without, items)).toEqual([]);
    const withSome = sessionWith(['requests.read'], { sectors: ['secondary'], has: ['requests'] });
    expect(navigationFor(withSome, items)).toEqual([{ kind: 'link', to: '/hulpvragen', label: 'requests' }]);
  });

  it('puts groups in menu order and adds the platform’s own items under Beheer', () => {
    const session = sessionWith(
      ['users.read', 'outbox.read', 'locations.read'],
      { sectors: [], has: [] },
      false,
    );
    expect(navigationFor(session, items)).toEqual([
      { kind: 'link', to: '/scholen', label: 'schools' },
      {
        kind: 'group',
        group: 'admin',
        links: [
          { to: '/beheer/gebruikers', label: 'users' },
          { to: '/beheer/postvak', label: 'outgoingMail' },
        ],
      },
    ]);
  });
});

describe('isCurrent', () => {
  it('marks a menu link on its own page and the pages beneath it, not on a sibling that shares a prefix', () => {
    expect(isCurrent('/hulpvragen', '/hulpvragen')).toBe(true);
    expect(isCurrent('/hulpvragen', '/hulpvragen/123')).toBe(true);
    expect(isCurrent('/expertisepunt', '/expertisepunten')).toBe(false);
  });
});
