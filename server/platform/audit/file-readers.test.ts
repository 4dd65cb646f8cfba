import { describe, expect, it } from 'vitest';
import { fileReaderKindOf } from './file-readers.ts';

describe('P8: who read the file, as the family is told', () => {
  it('names a reader by the capacity that gave access, most specific first, never by name', () => {
    expect(fileReaderKindOf(['team_member'], 'behavioural_scientist')).toBe('behavioural_scientist');
    expect(fileReaderKindOf(['coordinator', 'team_member'], 'inclusion_adviser')).toBe('inclusion_adviser');
    expect(fileReaderKindOf(['team_member'], null)).toBe('expertise_team');
    expect(fileReaderKindOf(['coordinator', 'functional_admin'], null)).toBe('staff_office');
    expect(fileReaderKindOf(['director', 'internal_coordinator'], null)).toBe('internal_coordinator');
    expect(fileReaderKindOf(['director'], null)).toBe('director');
    expect(fileReaderKindOf(['teacher'], null)).toBe('teacher');
  });

  it('names the secondary school roles with their own kind', () => {
    expect(fileReaderKindOf(['care_coordinator', 'team_leader'], null)).toBe('care_coordinator');
    expect(fileReaderKindOf(['team_leader'], null)).toBe('team_leader');
    expect(fileReaderKindOf(['mentor'], null)).toBe('mentor');
    expect(fileReaderKindOf(['vso_teacher'], null)).toBe('vso_teacher');
    expect(fileReaderKindOf(['functional_admin'], null)).toBe('other');
  });
});
