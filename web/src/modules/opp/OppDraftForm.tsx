import { useMutation } from '@tanstack/react-query';
import {
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldErrorMessage,
  FormFieldTextarea,
  FormLabel,
  Heading,
  Paragraph,
  PrimaryActionButton,
  RadioButton,
  SecondaryActionButton,
} from '@utrecht/component-library-react';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type OppVersionDetail,
  oppDraftInputSchema,
  oppVersionDetailSchema,
} from '../../../../contracts/opp.ts';
import { parentAgreements } from '../../../../contracts/trajectories.ts';
import { api, apiRequest } from '../../app/api.ts';
import {
  type FormErrors,
  formErrorsFrom,
  moduleMessageFor,
  noFormErrors,
  validate,
} from '../../app/forms.ts';
import { Form } from '../../ui/Form.tsx';
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

/** The input as the API takes it: empty optional texts as null, no homework where none is offered. */
function inputOf(state: FormState, offersHomeworkSupport: boolean) {
  const orNull = (value: string) => (value.trim() === '' ? null : value);
  return {
    exitDestination: state.exitDestination,
    exitReasons: state.exitReasons,
    hinderingFactors: state.hinderingFactors,
    supportingFactors: state.supportingFactors,
    support: state.support.map(({ goal, approach, who, frequency }) => ({ goal, approach, who, frequency })),
    independentWorkAgreement: state.independentWorkAgreement,
    homeworkAgreement: offersHomeworkSupport ? orNull(state.homeworkAgreement) : null,
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

function errorsOf(error: unknown): FormErrors {
  return !(error instanceof Error) && 'fields' in (error as object)
    ? (error as FormErrors)
    : formErrorsFrom(error);
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
  const ids = { agreement: useId() };
  const [state, setState] = useState<FormState>(() => stateOf(draft));
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [saved, setSaved] = useState<'saved' | null>(null);
  const lastAction = useRef<'save' | 'adopt'>('save');
  const set = <Key extends keyof FormState>(key: Key, value: FormState[Key]) =>
    setState((current) => ({ ...current, [key]: value }));
  const message = (path: string) => moduleMessageFor('opp', errors, path);

  const submit = useMutation({
    mutationFn: async (action: 'save' | 'adopt') => {
      lastAction.current = action;
      setSaved(null);
      const checked = validate(oppDraftInputSchema, inputOf(state, draft.offersHomeworkSupport));
      if (!checked.ok) throw checked.errors;
      const savedVersion = await apiRequest('PUT', `/api/opp-versions/${draft.id}`, {
        body: checked.value,
        schema: oppVersionDetailSchema,
      });
      if (action === 'save') return savedVersion;
      return api.post(`/api/opp-versions/${draft.id}/adopt`, {}, oppVersionDetailSchema);
    },
    onSuccess: (version) => {
      setErrors(noFormErrors);
      setSaved(version.status === 'draft' ? 'saved' : null);
      onChanged(version);
    },
    onError: (error) => setErrors(errorsOf(error)),
  });

  const setLine = (index: number, key: keyof Omit<SupportRow, 'key'>, value: string) =>
    set(
      'support',
      state.support.map((row, position) => (position === index ? { ...row, [key]: value } : row)),
    );
  const agreementError = message('parentsAgreement');
  const shownFields = [
    'exitDestination',
    'exitReasons',
    'hinderingFactors',
    'supportingFactors',
    ...state.support.flatMap((_row, index) =>
      ['goal', 'approach', 'who', 'frequency'].map((key) => `support.${index}.${key}`),
    ),
    'independentWorkAgreement',
    'homeworkAgreement',
    'curriculumDeviations',
    ...state.evaluationDates.map((_row, index) => `evaluationDates.${index}`),
    'parentsDiscussedOn',
    'parentsDiscussionParticipants',
    'parentsView',
    'parentsAgreement',
    'parentsAgreementComments',
    'pupilView',
  ];
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
  ) => (
    <FormFieldTextarea
      name={name}
      label={t(`oppFields.${name}`)}
      description={description}
      rows={4}
      maxLength={5000}
      value={state[name]}
      onChange={(event) => set(name, event.target.value)}
      invalid={Boolean(message(name))}
      errorMessage={message(name)}
    />
  );

  return (
    <Form errors={errors} fields={shownFields} onSubmit={() => submit.mutate('save')}>
      <section className="passend-section">
        <Heading level={3}>{t('oppView.perspective')}</Heading>
        <TextField
          name="exitDestination"
          label={t('oppFields.exitDestination')}
          description={t('oppForm.exitDestinationHint')}
          required={false}
          maxLength={500}
          value={state.exitDestination}
          onChange={(value) => set('exitDestination', value)}
          error={message('exitDestination')}
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
              <TextField
                key={key}
                name={`support.${index}.${key}`}
                label={t(`oppFields.${key}`)}
                maxLength={key === 'approach' ? 2000 : key === 'goal' ? 1000 : 200}
                value={row[key]}
                onChange={(value) => setLine(index, key, value)}
                error={message(`support.${index}.${key}`)}
              />
            ))}
            <ButtonGroup>
              <SecondaryActionButton
                type="button"
                onClick={() =>
                  set(
                    'support',
                    state.support.filter((_line, position) => position !== index),
                  )
                }
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
              set('support', [
                ...state.support,
                { key: nextKey(), goal: '', approach: '', who: '', frequency: '' },
              ])
            }
          >
            {t('oppForm.addLine')}
          </SecondaryActionButton>
        </ButtonGroup>
        {textarea('independentWorkAgreement', t('oppForm.independentWorkHint'))}
        {draft.offersHomeworkSupport ? (
          textarea('homeworkAgreement', t('oppForm.homeworkHint'))
        ) : (
          <Paragraph>{t('oppForm.noHomeworkSupport')}</Paragraph>
        )}
        {textarea('curriculumDeviations')}
      </section>

      <section className="passend-section">
        <Heading level={3}>{t('oppForm.evaluationHeading')}</Heading>
        <Paragraph>{t('oppForm.evaluationIntro')}</Paragraph>
        {state.evaluationDates.map((row, index) => (
          <div key={row.key} className="passend-opp-line">
            <TextField
              name={`evaluationDates.${index}`}
              type="date"
              label={t('oppForm.evaluationDate', { number: index + 1 })}
              value={row.date}
              onChange={(value) =>
                set(
                  'evaluationDates',
                  state.evaluationDates.map((date, position) =>
                    position === index ? { ...date, date: value } : date,
                  ),
                )
              }
              error={message(`evaluationDates.${index}`)}
            />
            <ButtonGroup>
              <SecondaryActionButton
                type="button"
                onClick={() =>
                  set(
                    'evaluationDates',
                    state.evaluationDates.filter((_date, position) => position !== index),
                  )
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
            onClick={() => set('evaluationDates', [...state.evaluationDates, { key: nextKey(), date: '' }])}
          >
            {t('oppForm.addDate')}
          </SecondaryActionButton>
        </ButtonGroup>
      </section>

      <section className="passend-section">
        <Heading level={3}>{t('oppView.parents')}</Heading>
        <Paragraph>{t('oppForm.parentsIntro')}</Paragraph>
        <TextField
          name="parentsDiscussedOn"
          type="date"
          label={t('oppFields.parentsDiscussedOn')}
          required={false}
          value={state.parentsDiscussedOn}
          onChange={(value) => set('parentsDiscussedOn', value)}
          error={message('parentsDiscussedOn')}
        />
        <TextField
          name="parentsDiscussionParticipants"
          label={t('oppFields.parentsDiscussionParticipants')}
          description={t('oppForm.participantsHint')}
          required={false}
          maxLength={1000}
          value={state.parentsDiscussionParticipants}
          onChange={(value) => set('parentsDiscussionParticipants', value)}
          error={message('parentsDiscussionParticipants')}
        />
        {textarea('parentsView')}
        <Fieldset
          invalid={Boolean(agreementError)}
          aria-describedby={agreementError ? `${ids.agreement}-error` : undefined}
        >
          <FieldsetLegend>{t('oppFields.parentsAgreement')}</FieldsetLegend>
          {agreementError && (
            <FormFieldErrorMessage id={`${ids.agreement}-error`}>{agreementError}</FormFieldErrorMessage>
          )}
          {(['', ...parentAgreements] as const).map((choice) => (
            <FormField
              key={choice || 'unknown'}
              type="radio"
              input={
                <RadioButton
                  id={`${ids.agreement}-${choice || 'unknown'}`}
                  name="parentsAgreement"
                  value={choice}
                  checked={state.parentsAgreement === choice}
                  invalid={Boolean(agreementError)}
                  aria-invalid={agreementError ? true : undefined}
                  onChange={() => set('parentsAgreement', choice)}
                />
              }
              label={
                <FormLabel htmlFor={`${ids.agreement}-${choice || 'unknown'}`} type="radio">
                  {choice ? t(`oppFields.agreements.${choice}`) : t('oppForm.agreementUnknown')}
                </FormLabel>
              }
            />
          ))}
        </Fieldset>
        {textarea('parentsAgreementComments', t('oppForm.commentsHint'))}
      </section>

      <section className="passend-section">
        <Heading level={3}>{t('oppView.pupil')}</Heading>
        {textarea('pupilView')}
      </section>

      {saved && <Paragraph role="status">{t('oppForm.saved')}</Paragraph>}
      <Paragraph>{t('oppForm.adoptHint')}</Paragraph>
      <ButtonGroup>
        <PrimaryActionButton type="submit" busy={submit.isPending && lastAction.current === 'save'}>
          {t('oppForm.save')}
        </PrimaryActionButton>
        <SecondaryActionButton
          type="button"
          busy={submit.isPending && lastAction.current === 'adopt'}
          onClick={() => submit.mutate('adopt')}
        >
          {t('oppForm.adopt')}
        </SecondaryActionButton>
      </ButtonGroup>
    </Form>
  );
}
