import { useTranslation } from 'react-i18next';
import type { TeamRole } from '../../../../contracts/roles.ts';
import type { FormErrors } from '../../app/forms.ts';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { teamMessageFor, useTeamMembersOfRole } from './team.api.ts';

export type PairDraft = {
  behaviouralScientistUserId: string;
  inclusionAdviserUserId: string;
  contact: TeamRole | '';
  effectiveFrom: string;
};

/** The four fields of a pair change (R5); `prefix` maps server field paths such as `assignments.0.`. */
export function PairFields({
  draft,
  onChange,
  errors,
  prefix = '',
}: {
  draft: PairDraft;
  onChange: (draft: PairDraft) => void;
  errors: FormErrors;
  prefix?: string;
}) {
  const { t } = useTranslation('team');
  const scientists = useTeamMembersOfRole('behavioural_scientist');
  const advisers = useTeamMembersOfRole('inclusion_adviser');
  const message = (field: string) =>
    teamMessageFor(errors, field) ?? teamMessageFor(errors, `${prefix}${field}`);
  return (
    <>
      <SelectField
        name="behaviouralScientistUserId"
        label={t('pairs.scientistLabel')}
        placeholder={t('pairs.choose')}
        busy={scientists.isFetching}
        value={draft.behaviouralScientistUserId}
        onChange={(value) => onChange({ ...draft, behaviouralScientistUserId: value })}
        choices={(scientists.data ?? []).map((member) => ({ value: member.userId, label: member.name }))}
        error={message('behaviouralScientistUserId')}
      />
      <SelectField
        name="inclusionAdviserUserId"
        label={t('pairs.adviserLabel')}
        placeholder={t('pairs.choose')}
        busy={advisers.isFetching}
        value={draft.inclusionAdviserUserId}
        onChange={(value) => onChange({ ...draft, inclusionAdviserUserId: value })}
        choices={(advisers.data ?? []).map((member) => ({ value: member.userId, label: member.name }))}
        error={message('inclusionAdviserUserId')}
      />
      <SelectField
        name="contact"
        label={t('pairs.contactLabel')}
        placeholder={t('pairs.contactChoose')}
        value={draft.contact}
        onChange={(value) => onChange({ ...draft, contact: value as TeamRole | '' })}
        choices={(['behavioural_scientist', 'inclusion_adviser'] as const).map((value) => ({
          value,
          label: t(`teamRoles.${value}`),
        }))}
        error={message('contact')}
      />
      <TextField
        name="effectiveFrom"
        type="date"
        label={t('pairs.effectiveFromLabel')}
        description={t('pairs.effectiveFromDescription')}
        value={draft.effectiveFrom}
        onChange={(value) => onChange({ ...draft, effectiveFrom: value })}
        error={message('effectiveFrom')}
      />
    </>
  );
}

/** The field paths a pair form shows itself (other problems go to the error summary). */
export const pairFieldPaths = [
  'behaviouralScientistUserId',
  'inclusionAdviserUserId',
  'contact',
  'effectiveFrom',
];
