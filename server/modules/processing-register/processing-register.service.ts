import type { Locale } from '../../../contracts/fields.ts';
import type { ProcessingRegister } from '../../../contracts/processing-register.ts';
import { scopesOf } from '../../platform/access/policies.ts';
import { translate } from '../../platform/i18n/messages.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { tenants } from '../../platform/tenants/tenants.schema.ts';
import { retentionScheduleOf } from '../retention/schedule.ts';
import { registerDeclaration, tablesWithoutPersonalData } from './processing-register.declaration.ts';
import { computeRegister } from './processing-register.rules.ts';

/**
 * The processing register of the actor's partnership in their language: computed from the declaration,
 * the policy table and the partnership's retention schedule at this moment. It holds no personal data,
 * so reading it is not recorded.
 */
export async function getProcessingRegister(
  context: Pick<UseCaseContext, 'db' | 'locale'>,
  locale: Locale = context.locale,
): Promise<ProcessingRegister> {
  const [tenant] = await context.db.select({ name: tenants.name }).from(tenants);
  const schedule = await retentionScheduleOf(context.db);
  return computeRegister({
    declaration: registerDeclaration,
    tablesWithoutPersonalData,
    partnershipName: tenant?.name ?? 'Passend',
    schedule,
    scopesOf,
    t: (key, params) => translate(locale, key, params),
  });
}
