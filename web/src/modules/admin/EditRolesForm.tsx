import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  ButtonGroup,
  Heading2,
  Paragraph,
  PrimaryActionButton,
  SecondaryActionButton,
} from '@utrecht/component-library-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type UpdateUserRolesInput,
  type UserSummary,
  updateUserRolesInputSchema,
  userSummarySchema,
} from '../../../../contracts/users.ts';
import { apiRequest } from '../../app/api.ts';
import { type FormErrors, formErrorsFrom, noFormErrors, validate } from '../../app/forms.ts';
import { sessionQueryKey } from '../../app/session.ts';
import { Form } from '../../ui/Form.tsx';
import {
  RoleAssignmentsFields,
  type RoleRow,
  roleFieldPaths,
  roleInputsOf,
  roleRowsFrom,
} from './RoleAssignmentsFields.tsx';

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
  const [rows, setRows] = useState<RoleRow[]>(() => roleRowsFrom(user.roles));
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);

  // The form opens from a button in the table below; move focus here so keyboard users land in it.
  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const save = useMutation({
    mutationFn: (input: UpdateUserRolesInput) =>
      apiRequest('PUT', `/api/users/${user.id}/roles`, { body: input, schema: userSummarySchema }),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      // Changing one's own roles changes one's own permissions.
      await queryClient.invalidateQueries({ queryKey: sessionQueryKey });
      onSaved(saved);
    },
    onError: (error) => {
      const next = formErrorsFrom(error);
      // A refusal by a rule (last admin, member with schools) concerns all roles: say so plainly.
      if (next.fields.some((field) => field.path === 'roles')) {
        next.form = { code: 'roles_refused', message: t('editRoles.refused') };
      }
      setErrors(next);
    },
  });

  const submit = () => {
    if (save.isPending) return;
    const result = validate(updateUserRolesInputSchema, { roles: roleInputsOf(rows) });
    if (!result.ok) return setErrors(result.errors);
    setErrors(noFormErrors);
    save.mutate(result.value);
  };

  return (
    <section className="passend-section passend-card" aria-labelledby={headingId}>
      <Heading2 id={headingId} ref={headingRef} tabIndex={-1}>
        {t('editRoles.title', { name: user.name })}
      </Heading2>
      <Paragraph>{t('editRoles.intro', { name: user.name })}</Paragraph>
      <Form errors={errors} fields={roleFieldPaths(rows)} onSubmit={submit} aria-labelledby={headingId}>
        <RoleAssignmentsFields
          rows={rows}
          onRowsChange={setRows}
          errors={errors}
          canReadLocations={canReadLocations}
        />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={save.isPending}>
            {t('editRoles.submit')}
          </PrimaryActionButton>
          <SecondaryActionButton type="button" onClick={onCancel}>
            {t('common.cancel')}
          </SecondaryActionButton>
        </ButtonGroup>
      </Form>
    </section>
  );
}
