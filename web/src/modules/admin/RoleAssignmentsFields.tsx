import {
  Button,
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  SecondaryActionButton,
} from '@utrecht/component-library-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Location } from '../../../../contracts/locations.ts';
import {
  boardRole,
  isLocationScopedRole,
  type Role,
  type RoleAssignment,
  roles,
  type TeamRole,
  teamRoles,
} from '../../../../contracts/roles.ts';
import { type FormErrors, formErrorsFrom, messageFor } from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { SelectField, type SelectGroup } from '../../ui/SelectField.tsx';
import { useSchoolBoards } from '../schools/schools.api.ts';
import { useAllLocations } from './locations.ts';

const maxRoles = 10;

/** One role being edited; empty strings for what is not chosen yet. */
export type RoleRow = {
  key: number;
  role: Role | '';
  teamRole: TeamRole | '';
  locationId: string;
  boardId: string;
};

let nextRowKey = 1;

export const emptyRoleRow = (): RoleRow => ({
  key: nextRowKey++,
  role: '',
  teamRole: '',
  locationId: '',
  boardId: '',
});

/** The rows for a user's current role assignments. */
export function roleRowsFrom(assignments: RoleAssignment[]): RoleRow[] {
  if (assignments.length === 0) return [emptyRoleRow()];
  return assignments.map((assignment) => ({
    key: nextRowKey++,
    role: assignment.role,
    teamRole: assignment.teamRole ?? '',
    locationId: assignment.locationId ?? '',
    boardId: assignment.boardId ?? '',
  }));
}

/** What a form sends: only the fields that belong to the chosen role. */
export function roleInputsOf(rows: RoleRow[]) {
  return rows.map((row) => ({
    role: row.role || undefined,
    teamRole: row.role === 'team_member' ? row.teamRole || null : null,
    locationId: row.role && isLocationScopedRole(row.role) ? row.locationId || null : null,
    boardId: row.role === boardRole ? row.boardId || null : null,
  }));
}

type RoleAssignmentsFieldsProps = {
  rows: RoleRow[];
  onRowsChange: (update: (current: RoleRow[]) => RoleRow[]) => void;
  errors: FormErrors;
  canReadLocations: boolean;
};

/**
 * One fieldset per role (role, team role, school or school board where they apply), with add and
 * remove buttons.
 */
export function RoleAssignmentsFields({
  rows,
  onRowsChange,
  errors,
  canReadLocations,
}: RoleAssignmentsFieldsProps) {
  const { t } = useTranslation();
  const locations = useAllLocations(canReadLocations);
  const locationGroups: SelectGroup[] = groupBySector(t, locations.data ?? []);
  const needsBoards = rows.some((row) => row.role === boardRole);
  const boards = useSchoolBoards(canReadLocations && needsBoards);

  const updateRow = (key: number, change: Partial<RoleRow>) =>
    onRowsChange((current) => current.map((row) => (row.key === key ? { ...row, ...change } : row)));

  return (
    <>
      {locations.isError && <ErrorAlert errors={formErrorsFrom(locations.error)} />}
      {boards.isError && <ErrorAlert errors={formErrorsFrom(boards.error)} />}
      {rows.map((row, index) => {
        const number = index + 1;
        const path = `roles.${index}`;
        return (
          <Fieldset key={row.key} className="passend-fieldset-card">
            <FieldsetLegend>{t('invite.roleLegend', { number })}</FieldsetLegend>
            <SelectField
              name={`${path}.role`}
              label={t('invite.role')}
              placeholder={t('invite.rolePlaceholder')}
              value={row.role}
              onChange={(value) => updateRow(row.key, { role: value as Role | '' })}
              choices={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
              error={messageFor(t, errors, `${path}.role`)}
            />
            {row.role === 'team_member' && (
              <SelectField
                name={`${path}.teamRole`}
                label={t('invite.teamRole')}
                placeholder={t('invite.teamRolePlaceholder')}
                value={row.teamRole}
                onChange={(value) => updateRow(row.key, { teamRole: value as TeamRole | '' })}
                choices={teamRoles.map((teamRole) => ({
                  value: teamRole,
                  label: t(`teamRoles.${teamRole}`),
                }))}
                error={messageFor(t, errors, `${path}.teamRole`)}
              />
            )}
            {row.role && isLocationScopedRole(row.role) && (
              <SelectField
                name={`${path}.locationId`}
                label={t('invite.location')}
                placeholder={t('invite.locationPlaceholder')}
                description={
                  locations.isPending && canReadLocations ? t('invite.locationsLoading') : undefined
                }
                busy={locations.isFetching}
                value={row.locationId}
                onChange={(value) => updateRow(row.key, { locationId: value })}
                groups={locationGroups}
                error={messageFor(t, errors, `${path}.locationId`)}
              />
            )}
            {row.role === boardRole && (
              <SelectField
                name={`${path}.boardId`}
                label={t('invite.board')}
                placeholder={t('invite.boardPlaceholder')}
                description={boards.isPending && canReadLocations ? t('invite.boardsLoading') : undefined}
                busy={boards.isFetching}
                value={row.boardId}
                onChange={(value) => updateRow(row.key, { boardId: value })}
                choices={(boards.data?.items ?? []).map((board) => ({ value: board.id, label: board.name }))}
                error={messageFor(t, errors, `${path}.boardId`)}
              />
            )}
            {rows.length > 1 && (
              <ButtonGroup>
                <Button
                  type="button"
                  appearance="subtle-button"
                  onClick={() => onRowsChange((current) => current.filter((other) => other.key !== row.key))}
                >
                  {t('invite.removeRole', { number })}
                </Button>
              </ButtonGroup>
            )}
          </Fieldset>
        );
      })}
      {rows.length < maxRoles && (
        <ButtonGroup>
          <SecondaryActionButton
            type="button"
            onClick={() => onRowsChange((current) => [...current, emptyRoleRow()])}
          >
            {t('invite.addRole')}
          </SecondaryActionButton>
        </ButtonGroup>
      )}
    </>
  );
}

function groupBySector(t: TFunction<'translation'>, locations: Location[]): SelectGroup[] {
  const groups = new Map<Location['sector'], SelectGroup>();
  const sorted = [...locations].sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  for (const location of sorted) {
    let group = groups.get(location.sector);
    if (!group) {
      group = { label: t(`sectors.${location.sector}`), choices: [] };
      groups.set(location.sector, group);
    }
    group.choices.push({
      value: location.id,
      label: t('invite.locationOption', {
        name: location.name,
        place: location.place,
        brin: location.brin,
        locationCode: location.locationCode,
      }),
    });
  }
  return [...groups.values()];
}
