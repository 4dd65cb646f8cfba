import type { AuditTrailEntry } from '../../../../contracts/privacy.ts';
import { roles } from '../../../../contracts/roles.ts';
import type { SelectChoice } from '../../ui/SelectField.tsx';

/**
 * A translate function for keys chosen at run time: event keys, roles and object types come from the
 * server, so they bypass the typed catalogue keys (as the navigation's module labels do).
 */
export type Translate = (key: string, options?: { ns?: string; defaultValue?: string }) => string;

const namespace = 'privacy';

// Roles a person without an account acts in (a link's holder); Passend itself acts as `system`.
const systemRole = 'system';
const linkHolderRoles = ['parent', 'pupil'] as const;

function isLinkHolderRole(role: string): role is (typeof linkHolderRoles)[number] {
  return (linkHolderRoles as readonly string[]).includes(role);
}

function isAccountRole(role: string): boolean {
  return (roles as readonly string[]).includes(role);
}

/** "Hulpvraag bekeken" for `requests.viewed`; a general label for an event this web app does not know yet. */
export function eventLabel(translate: Translate, event: string): string {
  return translate(`privacy.events.${event}`, {
    ns: namespace,
    defaultValue: translate('privacy.otherEvent', { ns: namespace }),
  });
}

/** The events to choose from, labelled and sorted by label in the interface language. */
export function eventChoices(
  translate: Translate,
  events: readonly string[],
  locale: string,
): SelectChoice[] {
  const collator = new Intl.Collator(locale);
  return [...new Set(events)]
    .map((event) => ({ value: event, label: eventLabel(translate, event) }))
    .sort(
      (left, right) => collator.compare(left.label, right.label) || left.value.localeCompare(right.value),
    );
}

/**
 * Who did it: the person's name, Passend itself for what it did on its own, or the holder of a
 * personal link (a parent, a pupil), who has no account and so no name in the trail.
 */
export function actorLabel(
  translate: Translate,
  entry: Pick<AuditTrailEntry, 'actor' | 'actorRoles'>,
): string {
  if (entry.actorRoles.includes(systemRole)) return translate('privacy.actors.system', { ns: namespace });
  if (entry.actor) return entry.actor.name;
  const holder = entry.actorRoles.find(isLinkHolderRole);
  if (holder) return translate(`privacy.actors.${holder}`, { ns: namespace });
  return translate('privacy.actors.unknown', { ns: namespace });
}

/** The roles the actor acted in, in words; Passend itself has none worth a word (the actor says it). */
export function roleLabels(translate: Translate, actorRoles: readonly string[]): string[] {
  return actorRoles
    .filter((role) => role !== systemRole)
    .map((role) => {
      if (isAccountRole(role)) return translate(`roles.${role}`, { ns: 'translation' });
      if (isLinkHolderRole(role)) return translate(`privacy.actorRoles.${role}`, { ns: namespace });
      return translate('privacy.actorRoles.unknown', { ns: namespace });
    });
}

/**
 * What the event was about: the support request's reference (what a privacy officer is asked about),
 * else the kind of record, else nothing.
 */
export function aboutLabel(
  translate: Translate,
  entry: Pick<AuditTrailEntry, 'reference' | 'objectType'>,
): string | null {
  if (entry.reference) return entry.reference;
  if (!entry.objectType) return null;
  return translate(`privacy.objectTypes.${entry.objectType}`, {
    ns: namespace,
    defaultValue: translate('privacy.otherObject', { ns: namespace }),
  });
}
