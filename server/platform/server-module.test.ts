import { describe, expect, it } from 'vitest';
import { registerModules, serverModules } from '../modules/index.ts';
import { type Action, isPublicAction, policies, registerPolicies } from './access/policies.ts';
import { registerReferenceKinds } from './access/references.ts';
import { auditCatalogue, registerAuditEvents } from './audit/audit.ts';
import { assertKnownAction } from './http/request-context.ts';
import { registerServerModules } from './server-module.ts';

registerModules();

describe('modules register their tables with the platform', () => {
  it("registers every module's policy rows and audit events, the platform's own first", () => {
    const actions = Object.keys(policies);
    expect(actions.slice(0, 2)).toEqual(['system.health', 'session.read']);
    for (const module of serverModules) {
      for (const action of Object.keys(module.policies ?? {})) expect(actions).toContain(action);
      for (const event of Object.keys(module.auditEvents ?? {}))
        expect(auditCatalogue).toHaveProperty([event]);
    }
    expect(auditCatalogue['jobs.run']).toEqual(expect.any(String));
  });

  it('registering once more is a no-op; registering the same rows again fails loudly', () => {
    expect(() => registerModules()).not.toThrow();
    expect(() => registerServerModules(serverModules)).toThrow(/users\.read of users is in the policy table/);
    expect(() => registerServerModules([{ name: 'twice' }, { name: 'twice' }])).toThrow(/listed twice/);
    expect(() => registerPolicies('copy', { 'outbox.read': { description: 'again', public: true } })).toThrow(
      /outbox\.read of copy/,
    );
    expect(() => registerAuditEvents('copy', { 'jobs.run': 'again' })).toThrow(/jobs\.run of copy/);
    expect(() => registerReferenceKinds('copy', { location: async () => new Set<string>() })).toThrow(
      /location of copy/,
    );
  });

  it('an action no module registered fails loudly: at a route (app start) and in a check', () => {
    expect(() => assertKnownAction('nothing.here')).toThrow(/unknown action nothing\.here/);
    expect(() => isPublicAction('nothing.here' as Action)).toThrow(/nothing\.here has no policy/);
  });
});
