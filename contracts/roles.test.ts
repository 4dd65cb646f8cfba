import { describe, expect, it } from 'vitest';
import { roleAssignmentInputSchema } from './roles.ts';

const boardId = '11111111-1111-4111-8111-111111111111';
const locationId = '22222222-2222-4222-8222-222222222222';

function issuesOf(input: unknown): Array<{ path: string; message: string }> {
  const result = roleAssignmentInputSchema.safeParse(input);
  return result.success
    ? []
    : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

describe('roleAssignmentInputSchema: the school board role', () => {
  it('the board role needs a school board and no school', () => {
    expect(issuesOf({ role: 'board', boardId })).toEqual([]);
    expect(issuesOf({ role: 'board' })).toEqual([{ path: 'boardId', message: 'board_required' }]);
    expect(issuesOf({ role: 'board', boardId, locationId })).toEqual([
      { path: 'locationId', message: 'location_not_allowed' },
    ]);
  });

  it('every other role refuses a school board', () => {
    expect(issuesOf({ role: 'teacher', locationId, boardId })).toEqual([
      { path: 'boardId', message: 'board_not_allowed' },
    ]);
    expect(issuesOf({ role: 'coordinator', boardId })).toEqual([
      { path: 'boardId', message: 'board_not_allowed' },
    ]);
    expect(issuesOf({ role: 'teacher', locationId })).toEqual([]);
  });
});
