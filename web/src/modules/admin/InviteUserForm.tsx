import { useQueryClient } from '@tanstack/react-query';
import {
  ButtonGroup,
  Heading2,
  Paragraph,
  PrimaryActionButton,
  SecondaryActionButton,
} from '@utrecht/component-library-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { inviteUserInputSchema, userSummarySchema } from '../../../../contracts/users.ts';
import { api } from '../../app/api.ts';
import { ContractForm } from '../../ui/Form.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { TextField } from '../../ui/TextField.tsx';
import { adminKeys } from './admin.keys.ts';
import { emptyRoleRow, RoleAssignmentsFields, type RoleRow, roleInputsOf } from './RoleAssignmentsFields.tsx';

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
  const form = useContractForm({
    schema: inviteUserInputSchema,
    initial: () => ({ name: '', email: '', rows: [emptyRoleRow()] as RoleRow[] }),
    toInput: (values) => ({ name: values.name, email: values.email, roles: roleInputsOf(values.rows) }),
    send: (input) => api.post('/api/users', input, userSummarySchema),
    onSuccess: async (user) => {
      await queryClient.invalidateQueries({ queryKey: adminKeys.users });
      onInvited(user.email);
    },
  });

  return (
    <section className="passend-section passend-card" aria-labelledby={headingId}>
      <Heading2 id={headingId}>{t('invite.title')}</Heading2>
      <Paragraph>{t('invite.intro')}</Paragraph>
      <ContractForm form={form} aria-labelledby={headingId}>
        <TextField label={t('invite.name')} autoComplete="off" {...form.field('name')} />
        <TextField
          type="email"
          label={t('invite.email')}
          autoComplete="off"
          spellCheck={false}
          {...form.field('email')}
        />
        <RoleAssignmentsFields
          rows={form.values.rows}
          onRowsChange={(change) => form.update((values) => ({ ...values, rows: change(values.rows) }))}
          errors={form.errors}
          canReadLocations={canReadLocations}
        />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={form.pending}>
            {t('invite.submit')}
          </PrimaryActionButton>
          <SecondaryActionButton type="button" onClick={onCancel}>
            {t('common.cancel')}
          </SecondaryActionButton>
        </ButtonGroup>
      </ContractForm>
    </section>
  );
}
