import type { TFunction } from 'i18next';
import type { RoleAssignment } from '../../../contracts/roles.ts';

/**
 * "Lid expertiseteam (Gedragswetenschapper) bij De Regenboog", "Schoolbestuur — Bestuur: Stichting
 * Primair": a role assignment in words.
 */
export function roleAssignmentLabel(t: TFunction, assignment: RoleAssignment): string {
  const role = t(`roles.${assignment.role}`);
  const withTeamRole = assignment.teamRole
    ? t('home.roleWithTeamRole', { role, teamRole: t(`teamRoles.${assignment.teamRole}`) })
    : role;
  if (assignment.boardName) return t('home.roleOfBoard', { role: withTeamRole, board: assignment.boardName });
  return assignment.locationName
    ? t('home.roleAt', { role: withTeamRole, location: assignment.locationName })
    : withTeamRole;
}
