import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  ButtonGroup,
  Heading2,
  Paragraph,
  PrimaryActionButton,
  SecondaryActionButton,
} from '@utrecht/component-library-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type InviteUserInput,
  inviteUserInputSchema,
  userSummarySchema,
} from '../../../../contracts/users.ts';
import { api } from '../../app/api.ts';
import { type FormErrors, formErrorsFrom, messageFor, noFormErrors, validate } from '../../app/forms.ts';
import { Form } from '../../ui/Form.tsx';
import { TextField } from '../../ui/TextField.tsx';
import {
  emptyRoleRow,
  RoleAssignmentsFields,
  type RoleRow,
  roleFieldPaths,
  roleInputsOf,
} from './RoleAssignmentsFields.tsx';

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
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [rows, setRows] = useState<RoleRow[]>(() => [emptyRoleRow()]);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);

  const invite = useMutation({
    mutationFn: (input: InviteUserInput) => api.post('/api/users', input, userSummarySchema),
    onSuccess: async (user) => {
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      onInvited(user.email);
    },
    onError: (error) => setErrors(formErrorsFrom(error)),
  });

  const submit = () => {
    if (invite.isPending) return;
    const result = validate(inviteUserInputSchema, { name, email, roles: roleInputsOf(rows) });
    if (!result.ok) return setErrors(result.errors);
    setErrors(noFormErrors);
    invite.mutate(result.value);
  };

  return (
    <section className="passend-section passend-card" aria-labelledby={headingId}>
      <Heading2 id={headingId}>{t('invite.title')}</Heading2>
      <Paragraph>{t('invite.intro')}</Paragraph>
      <Form
        errors={errors}
        fields={['name', 'email', ...roleFieldPaths(rows)]}
        onSubmit={submit}
        aria-labelledby={headingId}
      >
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
        <RoleAssignmentsFields
          rows={rows}
          onRowsChange={setRows}
          errors={errors}
          canReadLocations={canReadLocations}
        />
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
