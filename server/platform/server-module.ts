import type { Transaction } from '../db/client.ts';
import { type PolicyRows, registerPolicies } from './access/policies.ts';
import { registerWorkChecks, type WorkChecks } from './access/reach.ts';
import { type ReferenceKinds, registerReferenceKinds } from './access/references.ts';
import { type AuditEventRows, registerAuditEvents } from './audit/audit.ts';
import { registerMessages } from './i18n/messages.ts';
import type { Clock } from './kernel/clock.ts';

/**
 * A module's demo data: added to a demo partnership inside the seed's one transaction, after the
 * organisation (schools, accounts, the team) and the steps of the modules listed before it.
 */
export type DemoStep = (transaction: Transaction, demo: { tenantId: string; clock: Clock }) => Promise<void>;

/**
 * What a domain module (server/modules/<name>) hands the platform, which imports no module itself:
 * its policy rows, audit events, reference kinds and messages, and its demo step. The composition
 * (server/modules/index.ts) lists the modules and registers their routes and jobs with the app.
 */
export type ServerModule = {
  /** The module's folder under server/modules; named in the error when a row is registered twice. */
  name: string;
  /** Its actions with their grants (`<module>.policy.ts`). */
  policies?: PolicyRows;
  /** Its audit events (`<module>.audit.ts`). */
  auditEvents?: AuditEventRows;
  /** The kinds of id its rows are referred to by (`<module>.references.ts`). */
  references?: ReferenceKinds;
  /** The folder of its message catalogues (`nl.json`, `en.json`): its mail, documents and error texts. */
  messages?: URL;
  /** Its demo data. */
  demo?: DemoStep;
  /** Whether a user has any of the work it keeps (the session's `reach.has`; the menu may depend on it). */
  work?: WorkChecks;
};

/**
 * Registers every module's tables with the platform, in the order given: that order is the order of
 * the policy table (the session's permissions, the access matrix's pupil-data list) and of the demo
 * steps. A module named twice, or an action, event, reference kind or message registered twice, fails
 * loudly.
 */
export function registerServerModules(modules: readonly ServerModule[]): void {
  const names = new Set<string>();
  for (const module of modules) {
    if (names.has(module.name)) throw new Error(`The module ${module.name} is listed twice`);
    names.add(module.name);
    if (module.policies) registerPolicies(module.name, module.policies);
    if (module.auditEvents) registerAuditEvents(module.name, module.auditEvents);
    if (module.references) registerReferenceKinds(module.name, module.references);
    if (module.messages) registerMessages(module.name, module.messages);
    if (module.work) registerWorkChecks(module.name, module.work);
  }
}
