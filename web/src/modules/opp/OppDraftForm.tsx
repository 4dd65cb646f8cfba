import {
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  Heading,
  Paragraph,
  PrimaryActionButton,
  SecondaryActionButton,
} from '@utrecht/component-library-react';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type OppVersionDetail,
  oppDraftInputSchema,
  oppVersionDetailSchema,
} from '../../../../contracts/opp.ts';
import { parentAgreements } from '../../../../contracts/trajectories.ts';
import { api } from '../../app/api.ts';
import { ContractForm } from '../../ui/Form.tsx';
import { RadioGroupField, TextAreaField } from '../../ui/form/ChoiceFields.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { TextField } from '../../ui/TextField.tsx';

type SupportRow = { key: string; goal: string; approach: string; who: string; frequency: string };
type DateRow = { key: string; date: string };

type FormState = {
  exitDestination: string;
  exitReasons: string;
  hinderingFactors: string;
  supportingFactors: string;
  support: SupportRow[];
  independentWorkAgreement: string;
  homeworkAgreement: string;
  curriculumDeviations: string;
  evaluationDates: DateRow[];
  parentsDiscussedOn: string;
  parentsDiscussionParticipants: string;
  parentsView: string;
  parentsAgreement: '' | (typeof parentAgreements)[number];
  parentsAgreementComments: string;
  pupilView: string;
};

let rowCounter = 0;
const nextKey = () => {
  rowCounter += 1;
  return `row-${rowCounter}`;
};

function stateOf(version: OppVersionDetail): FormState {
  return {
    exitDestination: version.exitDestination,
    exitReasons: version.exitReasons,
    hinderingFactors: version.hinderingFactors,
    supportingFactors: version.supportingFactors,
    support: version.support.map((line) => ({ key: nextKey(), ...line })),
    independentWorkAgreement: version.independentWorkAgreement,
    homeworkAgreement: version.homeworkAgreement ?? '',
    curriculumDeviations: version.curriculumDeviations,
    evaluationDates: version.evaluationDates.map((date) => ({ key: nextKey(), date })),
    parentsDiscussedOn: version.parentsDiscussedOn ?? '',
    parentsDiscussionParticipants: version.parentsDiscussionParticipants ?? '',
    parentsView: version.parentsView ?? '',
    parentsAgreement: version.parentsAgreement ?? '',
    parentsAgreementComments: version.parentsAgreementComments ?? '',
    pupilView: version.pupilView ?? '',
  };
}

/** The input as the API takes it: empty optional texts as null (homework at every point, E4). */
function inputOf(state: FormState) {
  const orNull = (value: string) => (value.trim() === '' ? null : value);
  return {
    exitDestination: state.exitDestination,
    exitReasons: state.exitReasons,
    hinderingFactors: state.hinderingFactors,
    supportingFactors: state.supportingFactors,
    support: state.support.map(({ goal, approach, who, frequency }) => ({ goal, approach, who, frequency })),
    independentWorkAgreement: state.independentWorkAgreement,
    homeworkAgreement: orNull(state.homeworkAgreement),
    curriculumDeviations: state.curriculumDeviations,
    evaluationDates: state.evaluationDates.map((row) => row.date),
    parentsDiscussedOn: orNull(state.parentsDiscussedOn),
    parentsDiscussionParticipants: orNull(state.parentsDiscussionParticipants),
    parentsView: orNull(state.parentsView),
    parentsAgreement: state.parentsAgreement === '' ? null : state.parentsAgreement,
    parentsAgreementComments: orNull(state.parentsAgreementComments),
    pupilView: orNull(state.pupilView),
  };
}

type OppDraftFormProps = {
  draft: OppVersionDetail;
  onChanged: (version: OppVersionDetail) => void;
};

/**
 * The draft of an OPP with every part (E9): perspective, support lines (add and remove), the
 * agreements at the expertise point (E3) and on homework where offered (E4, E8), curriculum
 * deviations, evaluation moments, the parents' discussion and answer, the pupil's view. Saving keeps
 * it a draft; adopting saves and adopts, and shows what is still missing next to the fields.
 */
export function OppDraftForm({ draft, onChanged }: OppDraftFormProps) {
  const { t } = useTranslation('opp');
  // Which button sent the form: saving keeps the draft, adopting saves it and makes it the valid version.
  const action = useRef<'save' | 'adopt'>('save');
  const form = useContractForm({
    schema: oppDraftInputSchema,
    initial: () => stateOf(draft),
    toInput: (state) => inputOf(state),
    namespace: 'opp',
    send: async (input) => {
      const saved = await api.put(`/api/opp-versions/${draft.id}`, input, oppVersionDetailSchema);
      if (action.current === 'save') return saved;
      return api.post(`/api/opp-versions/${draft.id}/adopt`, {}, oppVersionDetailSchema);
    },
    confirm: () =>
      action.current === 'adopt'
        ? {
            title: t('oppForm.adoptTitle'),
            body: t('oppForm.adoptBody'),
            confirmLabel: t('oppForm.adoptConfirm'),
          }
        : null,
    successNotice: (version) => (version.status === 'draft' ? t('oppForm.saved') : ''),
    onSuccess: (version) => onChanged(version),
  });
  const adopt = () => {
    action.current = 'adopt';
    form.submit();
  };
  const state = form.values;
  const textarea = (
    name:
      | 'exitReasons'
      | 'hinderingFactors'
      | 'supportingFactors'
      | 'independentWorkAgreement'
      | 'homeworkAgreement'
      | 'curriculumDeviations'
      | 'parentsView'
      | 'parentsAgreementComments'
      | 'pupilView',
    description?: string,
  ) => <TextAreaField label={t(`oppFields.${name}`)} description={description} {...form.field(name)} />;
  const setSupport = (support: SupportRow[]) => form.set('support', support);
  const setDates = (dates: DateRow[]) => form.set('evaluationDates', dates);

  return (
    <ContractForm form={form}>
      <section className="passend-section">
        <Heading level={3}>{t('oppView.perspective')}</Heading>
        <TextField
          label={t('oppFields.exitDestination')}
          description={t('oppForm.exitDestinationHint')}
          {...form.field('exitDestination')}
        />
        {textarea('exitReasons')}
        {textarea('hinderingFactors')}
        {textarea('supportingFactors')}
      </section>

      <section className="passend-section">
        <Heading level={3}>{t('oppView.support')}</Heading>
        <Paragraph>{t('oppForm.supportIntro')}</Paragraph>
        {state.support.map((row, index) => (
          <Fieldset key={row.key} className="passend-opp-line">
            <FieldsetLegend>{t('oppForm.supportLine', { number: index + 1 })}</FieldsetLegend>
            {(['goal', 'approach', 'who', 'frequency'] as const).map((key) => (
              <TextField key={key} label={t(`oppFields.${key}`)} {...form.field(`support.${index}.${key}`)} />
            ))}
            <ButtonGroup>
              <SecondaryActionButton
                type="button"
                onClick={() => setSupport(state.support.filter((_line, position) => position !== index))}
              >
                {t('oppForm.removeLine', { number: index + 1 })}
              </SecondaryActionButton>
            </ButtonGroup>
          </Fieldset>
        ))}
        <ButtonGroup>
          <SecondaryActionButton
            type="button"
            onClick={() =>
              setSupport([
                ...state.support,
                { key: nextKey(), goal: '', approach: '', who: '', frequency: '' },
              ])
            }
          >
            {t('oppForm.addLine')}
          </SecondaryActionButton>
        </ButtonGroup>
        {textarea('independentWorkAgreement', t('oppForm.independentWorkHint'))}
        {textarea('homeworkAgreement', t('oppForm.homeworkHint'))}
        {textarea('curriculumDeviations')}
      </section>

      <section className="passend-section">
        <Heading level={3}>{t('oppForm.evaluationHeading')}</Heading>
        <Paragraph>{t('oppForm.evaluationIntro')}</Paragraph>
        {state.evaluationDates.map((row, index) => (
          <div key={row.key} className="passend-opp-line">
            {/* The contract's list holds the dates themselves: rules and problems are on `evaluationDates.<n>`. */}
            <TextField
              type="date"
              label={t('oppForm.evaluationDate', { number: index + 1 })}
              name={`evaluationDates.${index}`}
              value={row.date}
              onChange={(date) => form.set(`evaluationDates.${index}.date`, date)}
              error={form.message(`evaluationDates.${index}`)}
              {...form.rules(`evaluationDates.${index}`)}
            />
            <ButtonGroup>
              <SecondaryActionButton
                type="button"
                onClick={() =>
                  setDates(state.evaluationDates.filter((_date, position) => position !== index))
                }
              >
                {t('oppForm.removeDate', { number: index + 1 })}
              </SecondaryActionButton>
            </ButtonGroup>
          </div>
        ))}
        <ButtonGroup>
          <SecondaryActionButton
            type="button"
            onClick={() => setDates([...state.evaluationDates, { key: nextKey(), date: '' }])}
          >
            {t('oppForm.addDate')}
          </SecondaryActionButton>
        </ButtonGroup>
      </section>

      <section className="passend-section">
        <Heading level={3}>{t('oppView.parents')}</Heading>
        <Paragraph>{t('oppForm.parentsIntro')}</Paragraph>
        <TextField
          type="date"
          label={t('oppFields.parentsDiscussedOn')}
          {...form.field('parentsDiscussedOn')}
        />
        <TextField
          label={t('oppFields.parentsDiscussionParticipants')}
          description={t('oppForm.participantsHint')}
          {...form.field('parentsDiscussionParticipants')}
        />
        {textarea('parentsView')}
        <RadioGroupField
          legend={t('oppFields.parentsAgreement')}
          choices={[
            { value: '', label: t('oppForm.agreementUnknown') },
            ...parentAgreements.map((choice) => ({
              value: choice,
              label: t(`oppFields.agreements.${choice}`),
            })),
          ]}
          {...form.field('parentsAgreement', 'choice')}
        />
        {textarea('parentsAgreementComments', t('oppForm.commentsHint'))}
      </section>

      <section className="passend-section">
        <Heading level={3}>{t('oppView.pupil')}</Heading>
        {textarea('pupilView')}
      </section>

      <Paragraph>{t('oppForm.adoptHint')}</Paragraph>
      <ButtonGroup>
        {/* The default button: Enter in a field saves the draft, it never adopts it. */}
        <PrimaryActionButton
          type="submit"
          busy={form.pending && action.current === 'save'}
          onClick={() => {
            action.current = 'save';
          }}
        >
          {t('oppForm.save')}
        </PrimaryActionButton>
        <SecondaryActionButton
          type="button"
          busy={form.pending && action.current === 'adopt'}
          onClick={adopt}
        >
          {t('oppForm.adopt')}
        </SecondaryActionButton>
      </ButtonGroup>
    </ContractForm>
  );
}
