import type { ProcessingRegister, RegisterAccess } from '../../../contracts/processing-register.ts';
import type { RetentionSchedule } from '../../../contracts/retention.ts';
import { type Role, roles } from '../../../contracts/roles.ts';
import type { Action, Scope } from '../../platform/access/policies.ts';
import type { RegisterEntryDeclaration } from './processing-register.declaration.ts';

/** Looks up a catalogue text (`processingRegister.*`) with placeholders filled. */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

/** The order scopes are told in: the widest first. */
const scopeOrder: readonly Scope[] = [
  'tenant',
  'own_location',
  'own_board',
  'assigned',
  'assigned_schools',
  'contact_person',
  'participant',
  'self',
];

/**
 * Who can see an entry's data, from the policy table: per role (in the catalogue's order) the scopes
 * through which it holds any of the entry's read actions; roles holding none are left out.
 */
export function accessOf(
  readActions: readonly Action[],
  scopesOf: (action: Action, role: Role) => readonly Scope[],
): Array<{ role: Role; scopes: Scope[] }> {
  return roles.flatMap((role) => {
    const held = new Set(readActions.flatMap((action) => scopesOf(action, role)));
    const scopes = scopeOrder.filter((scope) => held.has(scope));
    return scopes.length > 0 ? [{ role, scopes }] : [];
  });
}

/**
 * The processing register of a partnership, computed from the declaration, the policy table and the
 * partnership's retention schedule, in the reader's language.
 */
export function computeRegister(input: {
  declaration: readonly RegisterEntryDeclaration[];
  tablesWithoutPersonalData: Readonly<Record<string, string>>;
  partnershipName: string;
  schedule: RetentionSchedule;
  scopesOf: (action: Action, role: Role) => readonly Scope[];
  t: Translate;
}): ProcessingRegister {
  const { t, schedule } = input;
  const prefix = 'processingRegister';
  const periodOf = (kind: string) => schedule.periods.find((period) => period.kind === kind);
  return {
    partnershipName: input.partnershipName,
    controller: t(`${prefix}.controller`, { partnership: input.partnershipName }),
    entries: input.declaration.map((entry) => {
      const kinds =
        typeof entry.retention === 'string'
          ? []
          : entry.retention.map((kind) => {
              const period = periodOf(kind);
              if (!period) throw new Error(`The retention schedule has no period for ${kind}`);
              return { kind, amount: period.amount, unit: period.unit };
            });
      const retentionText =
        typeof entry.retention === 'string'
          ? t(`${prefix}.fixedRetention.${entry.retention}`)
          : kinds
              .map(({ kind, amount, unit }) =>
                t(`${prefix}.retention.${kind}`, {
                  period: t(`${prefix}.units.${unit}${amount === 1 ? 'One' : 'Other'}`, { count: amount }),
                }),
              )
              .join(' ');
      const access: RegisterAccess[] = accessOf(entry.readActions, input.scopesOf).map(
        ({ role, scopes }) => ({
          role,
          roleName: t(`${prefix}.roles.${role}`),
          scopes: scopes.map((scope) => t(`${prefix}.scopes.${scope}`)),
        }),
      );
      const legalBasis = [
        ...entry.bases.map((basis) => t(`${prefix}.bases.${basis}`)),
        ...(entry.specialCategory ? [t(`${prefix}.specialCategory.${entry.specialCategory}`)] : []),
        ...entry.laws.map((law) => t(`${prefix}.laws.${law}`)),
        ...(entry.consentRequired ? [t(`${prefix}.consentRequired`)] : []),
      ];
      return {
        id: entry.id,
        name: t(`${prefix}.entries.${entry.id}.name`),
        purpose: t(`${prefix}.entries.${entry.id}.purpose`),
        data: t(`${prefix}.entries.${entry.id}.data`),
        categories: entry.categories.map((category) => t(`${prefix}.categories.${category}`)),
        legalBasis,
        specialCategory: entry.specialCategory !== null,
        access,
        retention: { kinds, text: retentionText },
        storage: t(`${prefix}.storage`, { partnership: input.partnershipName }),
        tables: [...entry.tables],
      };
    }),
    otherTables: Object.entries(input.tablesWithoutPersonalData)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([table, reason]) => ({ table, reason: t(`${prefix}.nonPersonal.${reason}`) })),
  };
}
