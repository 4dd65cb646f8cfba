import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  Heading2,
  Paragraph,
  PrimaryActionButton,
  SecondaryActionButton,
} from '@utrecht/component-library-react';
import type { TFunction } from 'i18next';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Location } from '../../../../contracts/locations.ts';
import {
  isLocationScopedRole,
  type Role,
  roles,
  type TeamRole,
  teamRoles,
} from '../../../../contracts/roles.ts';
import {
  type InviteUserInput,
  inviteUserInputSchema,
  userSummarySchema,
} from '../../../../contracts/users.ts';
import { api } from '../../app/api.ts';
import { type FormErrors, formErrorsFrom, messageFor, noFormErrors, validate } from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Form } from '../../ui/Form.tsx';
import { SelectField, type SelectGroup } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { useAllLocations } from './locations.ts';

const maxRoles = 10;

type RoleRow = { key: number; role: Role | ''; teamRole: TeamRole | ''; locationId: string };

let nextRowKey = 1;
const emptyRow = (): RoleRow => ({ key: nextRowKey++, role: '', teamRole: '', locationId: '' });

/** What the form sends: only the fields that belong to the chosen role. */
function toInput(name: string, email: string, rows: RoleRow[]) {
  return {
    name,
    email,
    roles: rows.map((row) => ({
      role: row.role || undefined,
      teamRole: row.role === 'team_member' ? row.teamRole || null : null,
      locationId: row.role && isLocationScopedRole(row.role) ? row.locationId || null : null,
    })),
  };
}

type InviteUserFormProps = {
  canReadLocations: boolean;
  onInvited: (email: string) => void;
  onCancel: () => void;
};

/** Invites a user by e-mail with one or more role assignments (team role and school where they apply). */
export function InviteUserForm({ canReadLocations, onInvited, onCancel }: InviteUserFormProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const queryClient = useQueryClient();
  const locations = useAllLocations(canReadLocations);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [rows, setRows] = useState<RoleRow[]>(() => [emptyRow()]);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);

  const invite = useMutation({
    mutationFn: (input: InviteUserInput) => api.post('/api/users', input, userSummarySchema),
    onSuccess: async (user) => {
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      onInvited(user.email);
    },
    onError: (error) => setErrors(formErrorsFrom(error)),
  });

  const updateRow = (key: number, change: Partial<RoleRow>) =>
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...change } : row)));

  const submit = () => {
    if (invite.isPending) return;
    const result = validate(inviteUserInputSchema, toInput(name, email, rows));
    if (!result.ok) return setErrors(result.errors);
    setErrors(noFormErrors);
    invite.mutate(result.value);
  };

  const locationGroups: SelectGroup[] = groupBySector(t, locations.data ?? []);
  const shownFields = [
    'name',
    'email',
    ...rows.flatMap((_, index) => [
      `roles.${index}.role`,
      `roles.${index}.teamRole`,
      `roles.${index}.locationId`,
    ]),
  ];

  return (
    <section className="passend-section passend-card" aria-labelledby={headingId}>
      <Heading2 id={headingId}>{t('invite.title')}</Heading2>
      <Paragraph>{t('invite.intro')}</Paragraph>
      <Form errors={errors} fields={shownFields} onSubmit={submit} aria-labelledby={headingId}>
        <TextField
          name="name"
          label={t('invite.name')}
          autoComplete="off"
          value={name}
          onChange={setName}
          error={messageFor(t, errors, 'name')}
        />
        <TextField
          name="email"
          type="email"
          label={t('invite.email')}
          autoComplete="off"
          spellCheck={false}
          value={email}
          onChange={setEmail}
          error={messageFor(t, errors, 'email')}
        />
        {locations.isError && <ErrorAlert errors={formErrorsFrom(locations.error)} />}
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
              {rows.length > 1 && (
                <ButtonGroup>
                  <Button
                    type="button"
                    appearance="subtle-button"
                    onClick={() => setRows((current) => current.filter((other) => other.key !== row.key))}
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
              onClick={() => setRows((current) => [...current, emptyRow()])}
            >
              {t('invite.addRole')}
            </SecondaryActionButton>
          </ButtonGroup>
        )}
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={invite.isPending}>
            {t('invite.submit')}
          </PrimaryActionButton>
          <SecondaryActionButton type="button" onClick={onCancel}>
            {t('common.cancel')}
          </SecondaryActionButton>
        </ButtonGroup>
      </Form>
    </section>
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
