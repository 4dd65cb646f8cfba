import { describe, expect, it } from 'vitest';
import { actions, type Action as ContractAction } from '../../../contracts/actions.ts';
import { registerModules } from '../../modules/index.ts';
import { policies, type Action as ServerAction } from './policies.ts';

registerModules();

// Both directions at compile time: `npm run check` fails when an action is added to a policy file and
// not to contracts/actions.ts, or the other way round.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const contractMatchesServer: Same<ContractAction, ServerAction> = true;

describe('the actions in contracts/actions.ts', () => {
  it('are exactly the rows of the policy table, in its order', () => {
    expect(contractMatchesServer).toBe(true);
    expect([...actions]).toEqual(Object.keys(policies));
  });
});
