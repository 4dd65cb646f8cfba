import { useTranslation } from 'react-i18next';
import type { TeamRole } from '../../../../contracts/roles.ts';
import type { ContractFormState } from '../../ui/form/useContractForm.ts';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { useTeamMembersOfRole } from './team.api.ts';

export type PairDraft = {
  behaviouralScientistUserId: string;
  inclusionAdviserUserId: string;
  contact: TeamRole | '';
  effectiveFrom: string;
};

/** An empty pair change that takes effect on `effectiveFrom`. */
export function emptyPairDraft(effectiveFrom: string): PairDraft {
  return { behaviouralScientistUserId: '', inclusionAdviserUserId: '', contact: '', effectiveFrom };
}

/** What a pair form checks and sends: an unchosen field left out, so it reads "choose one". */
export function pairInputOf(draft: PairDraft) {
  return {
    behaviouralScientistUserId: draft.behaviouralScientistUserId || undefined,
    inclusionAdviserUserId: draft.inclusionAdviserUserId || undefined,
    contact: draft.contact || undefined,
    effectiveFrom: draft.effectiveFrom || undefined,
  };
}

/** The four fields of a pair change (R5), bound to a form of the kit. */
export function PairFields({ form }: { form: ContractFormState<PairDraft> }) {
  const { t } = useTranslation('team');
  const scientists = useTeamMembersOfRole('behavioural_scientist');
  const advisers = useTeamMembersOfRole('inclusion_adviser');
  return (
    <>
      <SelectField
        label={t('pairs.scientistLabel')}
        placeholder={t('pairs.choose')}
        busy={scientists.isFetching}
        choices={(scientists.data ?? []).map((member) => ({ value: member.userId, label: member.name }))}
        {...form.field('behaviouralScientistUserId', 'choice')}
      />
      <SelectField
        label={t('pairs.adviserLabel')}
        placeholder={t('pairs.choose')}
        busy={advisers.isFetching}
        choices={(advisers.data ?? []).map((member) => ({ value: member.userId, label: member.name }))}
        {...form.field('inclusionAdviserUserId', 'choice')}
      />
      <SelectField
        label={t('pairs.contactLabel')}
        placeholder={t('pairs.contactChoose')}
        choices={(['behavioural_scientist', 'inclusion_adviser'] as const).map((value) => ({
          value,
          label: t(`teamRoles.${value}`),
        }))}
        {...form.field('contact', 'choice')}
      />
      <TextField
        type="date"
        label={t('pairs.effectiveFromLabel')}
        description={t('pairs.effectiveFromDescription')}
        {...form.field('effectiveFrom')}
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
