import { useQueryClient } from '@tanstack/react-query';
import {
  ButtonGroup,
  Heading2,
  Paragraph,
  PrimaryActionButton,
  SecondaryActionButton,
} from '@utrecht/component-library-react';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type UserSummary,
  updateUserRolesInputSchema,
  userSummarySchema,
} from '../../../../contracts/users.ts';
import { apiRequest } from '../../app/api.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { sessionQueryKey } from '../../app/session.ts';
import { ContractForm } from '../../ui/Form.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { adminKeys } from './admin.keys.ts';
import { RoleAssignmentsFields, type RoleRow, roleInputsOf, roleRowsFrom } from './RoleAssignmentsFields.tsx';

type EditRolesFormProps = {
  user: UserSummary;
  canReadLocations: boolean;
  onSaved: (user: UserSummary) => void;
  onCancel: () => void;
};

/** Replaces the role assignments of an existing user (same fields as the invitation). */
export function EditRolesForm({ user, canReadLocations, onSaved, onCancel }: EditRolesFormProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const queryClient = useQueryClient();
  const form = useContractForm({
    schema: updateUserRolesInputSchema,
    initial: () => ({ rows: roleRowsFrom(user.roles) as RoleRow[] }),
    toInput: (values) => ({ roles: roleInputsOf(values.rows) }),
    send: (input) =>
      apiRequest('PUT', `/api/users/${user.id}/roles`, { body: input, schema: userSummarySchema }),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: adminKeys.users });
      // Changing one's own roles changes one's own permissions.
      await queryClient.invalidateQueries({ queryKey: sessionQueryKey });
      onSaved(saved);
    },
    onError: (error) => {
      const next = formErrorsFrom(error);
      // A refusal by a rule (last admin, member with schools) concerns all roles: say so plainly.
      if (next.fields.some((field) => field.path === 'roles')) {
        form.showErrors({ ...next, form: { code: 'roles_refused', message: t('editRoles.refused') } });
      }
    },
  });

  // The form opens from a button in the table below; move focus here so keyboard users land in it.
  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  return (
    <section className="passend-section passend-card" aria-labelledby={headingId}>
      <Heading2 id={headingId} ref={headingRef} tabIndex={-1}>
        {t('editRoles.title', { name: user.name })}
      </Heading2>
      <Paragraph>{t('editRoles.intro', { name: user.name })}</Paragraph>
      <ContractForm form={form} aria-labelledby={headingId}>
        <RoleAssignmentsFields
          rows={form.values.rows}
          onRowsChange={(change) => form.update((values) => ({ ...values, rows: change(values.rows) }))}
          errors={form.errors}
          canReadLocations={canReadLocations}
        />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={form.pending}>
            {t('editRoles.submit')}
          </PrimaryActionButton>
          <SecondaryActionButton type="button" onClick={onCancel}>
            {t('common.cancel')}
          </SecondaryActionButton>
        </ButtonGroup>
      </ContractForm>
    </section>
  );
}
