import { useQuery } from '@tanstack/react-query';
import {
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  FormFieldErrorMessage,
  Heading,
  Paragraph,
  PrimaryActionButton,
  SecondaryActionButton,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import {
  createRequestInputSchema,
  fieldsRequiredToSubmit,
  findSubmitProblems,
  isGroupLevel,
  isPupilLevel,
  type RequestDetail,
  type RequestType,
  requestDetailSchema,
  requestFormOptionsSchema,
  requestTypes,
  type RequestForm as SubmittedForm,
} from '../../../../contracts/requests.ts';
import { ageOn, todayInAmsterdam } from '../../../../contracts/school-year.ts';
import { api } from '../../app/api.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { useNavigateWithNotice } from '../../app/notice.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { ContractForm } from '../../ui/Form.tsx';
import { CheckboxField, RadioGroupField, TextAreaField } from '../../ui/form/ChoiceFields.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { PupilPicker } from '../pupils/PupilPicker.tsx';
import { postCommand, requestKeys, useRequestDetail, useShowRequestDetail } from './requests.api.ts';
import { submitQuestion } from './submit-question.ts';
import { TeacherPicker } from './TeacherPicker.tsx';
import './requests.css';

type ParentValues = { name: string; email: string; phone: string; hasAuthority: boolean };
/** The form as typed: texts, and the answers of the radio groups as their values ('' while unanswered). */
type FormValues = {
  locationId: string;
  type: RequestType | '';
  question: string;
  triedInBasicSupport: string;
  hopedOutcome: string;
  /** Y3: the teacher picked from the school's teachers ('' while none). */
  teacherUserId: string;
  groupName: string;
  asksDirectPupilSupport: '' | 'true' | 'false';
  expertiseTagIds: string[];
  /** The pupil picked from the school's register (Y1), or '' when typed. */
  pupilId: string;
  pupil: { name: string; birthDate: string; group: string; email: string };
  parents: ParentValues[];
};
/** Which button sent the form: keeping a draft checks only what is filled in, submitting checks it all. */
type Intent = 'draft' | 'submit';

const emptyParent: ParentValues = { name: '', email: '', phone: '', hasAuthority: true };
const maxParents = 4;

function valuesOf(detail: RequestDetail | null): FormValues {
  return {
    locationId: detail?.location.id ?? '',
    type: detail?.type ?? '',
    question: detail?.question ?? '',
    triedInBasicSupport: detail?.triedInBasicSupport ?? '',
    hopedOutcome: detail?.hopedOutcome ?? '',
    teacherUserId: detail?.teacher?.id ?? '',
    groupName: detail?.groupName ?? '',
    asksDirectPupilSupport:
      detail?.asksDirectPupilSupport === true
        ? 'true'
        : detail?.asksDirectPupilSupport === false
          ? 'false'
          : '',
    expertiseTagIds: detail?.expertiseTags.map((tag) => tag.id) ?? [],
    pupilId: detail?.pupilId ?? '',
    pupil: {
      name: detail?.pupil?.name ?? '',
      birthDate: detail?.pupil?.birthDate ?? '',
      group: detail?.pupil?.group ?? '',
      email: detail?.pupil?.email ?? '',
    },
    parents:
      detail?.parents.map((parent) => ({
        name: parent.name,
        email: parent.email ?? '',
        phone: parent.phone ?? '',
        hasAuthority: parent.hasAuthority,
      })) ?? [],
  };
}

/** The draft as the API takes it: empty texts as null, a pupil only when something was filled in. */
function draftOf(values: FormValues) {
  const orNull = (value: string) => (value.trim() === '' ? null : value);
  const type = values.type || null;
  const pupilLevel = isPupilLevel(type);
  const pupilTouched = Object.values(values.pupil).some((value) => value.trim() !== '');
  return {
    type,
    question: orNull(values.question),
    triedInBasicSupport: orNull(values.triedInBasicSupport),
    hopedOutcome: orNull(values.hopedOutcome),
    teacherUserId: values.teacherUserId || null,
    groupName: orNull(values.groupName),
    asksDirectPupilSupport:
      values.asksDirectPupilSupport === '' ? null : values.asksDirectPupilSupport === 'true',
    expertiseTagIds: values.expertiseTagIds,
    pupilId: pupilLevel && values.pupilId ? values.pupilId : null,
    pupil:
      pupilLevel && pupilTouched
        ? {
            name: values.pupil.name,
            birthDate: values.pupil.birthDate,
            group: orNull(values.pupil.group),
            email: orNull(values.pupil.email),
          }
        : null,
    parents: pupilLevel
      ? values.parents
          .filter((parent) => parent.name.trim() || parent.email.trim() || parent.phone.trim())
          .map((parent) => ({
            name: parent.name,
            email: orNull(parent.email),
            phone: orNull(parent.phone),
            hasAuthority: parent.hasAuthority,
          }))
      : [],
  };
}

/** The answers as the completeness check at submit reads them. */
function submittedFormOf(values: FormValues): SubmittedForm {
  const draft = draftOf(values);
  return {
    ...draft,
    pupil: draft.pupil ? { name: draft.pupil.name, birthDate: draft.pupil.birthDate } : null,
  };
}

/** `/hulpvragen/nieuw` and `/hulpvragen/:requestId/bewerken`: the request form, saved as a draft (R4, R6). */
export function RequestFormPage() {
  const { requestId } = useParams();
  const existing = useRequestDetail(requestId ?? '', Boolean(requestId));
  if (requestId && !existing.data) {
    return existing.isError ? <FormLoadError error={existing.error} /> : <Loading />;
  }
  return <RequestForm key={requestId ?? 'new'} initial={existing.data ?? null} />;
}

function Loading() {
  const { t } = useTranslation('requests');
  return <Paragraph role="status">{t('common.loading')}</Paragraph>;
}

function FormLoadError({ error }: { error: unknown }) {
  const { t } = useTranslation('requests');
  return (
    <>
      <PageHeading>{t('form.editTitle')}</PageHeading>
      <ErrorAlert errors={formErrorsFrom(error)} />
    </>
  );
}

function RequestForm({ initial }: { initial: RequestDetail | null }) {
  const { t } = useTranslation('requests');
  const navigateWithNotice = useNavigateWithNotice();
  const showDetail = useShowRequestDetail();
  const options = useQuery({
    queryKey: requestKeys.formOptions(),
    queryFn: ({ signal }) => api.get('/api/requests/form-options', requestFormOptionsSchema, signal),
  });
  // One key per form: saving twice before the first answer arrives still makes one request.
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);
  // Read while the form is checked and sent; the state only drives which button shows it is busy.
  const intent = useRef<Intent>('submit');
  const [lastIntent, setLastIntent] = useState<Intent>('submit');
  const ids = { scope: useId(), type: useId(), question: useId(), pupil: useId(), parents: useId() };

  const form = useContractForm({
    schema: createRequestInputSchema,
    namespace: 'requests',
    initial: () => valuesOf(initial),
    toInput: (values: FormValues) => ({
      ...draftOf(values),
      locationId: values.locationId,
      idempotencyKey,
      submit: intent.current === 'submit',
    }),
    // Submitting checks completeness first: a form that cannot be submitted sends (and saves) nothing.
    check: (values) => (intent.current === 'submit' ? findSubmitProblems(submittedFormOf(values)) : []),
    confirm: (input) => (input.submit ? submitQuestion(t, input) : null),
    send: async (input) => {
      // A new request is created (and, when submitted, submitted with it) in one call.
      if (!initial) return api.post('/api/requests', input, requestDetailSchema);
      const { locationId: _location, idempotencyKey: _key, submit, ...draft } = input;
      const saved = await api.put(`/api/requests/${initial.id}`, draft, requestDetailSchema);
      return submit ? postCommand(saved.id, '/submit') : saved;
    },
    onSuccess: (detail, input) => {
      showDetail(detail);
      if (input.submit) {
        navigateWithNotice(
          `/hulpvragen/${detail.id}`,
          detail.status === 'refused' ? t('form.submittedRefused') : t('form.submitted'),
        );
      } else if (!initial) {
        navigateWithNotice(`/hulpvragen/${detail.id}/bewerken`, t('form.saved'), { replace: true });
      }
    },
    successNotice: (detail) => (initial && detail.status === 'draft' ? t('form.saved') : ''),
  });

  const { values, set, update } = form;
  const locations = options.data?.locations ?? [];
  useEffect(() => {
    if (!values.locationId && locations[0]) set('locationId', locations[0].id);
  }, [locations, values.locationId, set]);

  const type = values.type || null;
  const pupilLevel = isPupilLevel(type);
  const groupLevel = isGroupLevel(type);
  const asksDirectPupilSupport =
    values.asksDirectPupilSupport === '' ? null : values.asksDirectPupilSupport === 'true';
  // What submitting needs for this type, from the same rule the server checks.
  const requiredToSubmit = new Set<string>(fieldsRequiredToSubmit({ type, asksDirectPupilSupport }));
  const required = (path: string) => requiredToSubmit.has(path);
  const birthDateValid = /^\d{4}-\d{2}-\d{2}$/.test(values.pupil.birthDate);
  const pupilIsTwelve = birthDateValid && ageOn(values.pupil.birthDate, todayInAmsterdam()) >= 12;
  const setParents = (change: (parents: ParentValues[]) => ParentValues[]) =>
    update((current) => ({ ...current, parents: change(current.parents) }));
  const saveDraft = () => {
    intent.current = 'draft';
    setLastIntent('draft');
    form.submit();
    intent.current = 'submit';
  };

  return (
    <>
      <PageHeading>{initial ? t('form.editTitle') : t('form.newTitle')}</PageHeading>
      <ContractForm form={form}>
        <section aria-labelledby={ids.scope}>
          <Heading level={2} id={ids.scope}>
            {t('form.scopeHeading')}
          </Heading>
          <div className="passend-scope-box">
            <Paragraph>{t('form.scopeDoes')}</Paragraph>
            <Paragraph>{t('form.scopeDoesNot')}</Paragraph>
          </div>
          <RadioGroupField
            legend={t('form.asksDirectPupilSupport')}
            choices={[
              { value: 'false', label: t('form.no') },
              { value: 'true', label: t('form.yes') },
            ]}
            {...form.field('asksDirectPupilSupport', 'choice')}
            required={required('asksDirectPupilSupport')}
          />
          {asksDirectPupilSupport === true && (
            <div className="passend-warning-box" role="status">
              <Paragraph>{t('form.directSupportWarning')}</Paragraph>
            </div>
          )}
        </section>

        <section aria-labelledby={ids.type}>
          <Heading level={2} id={ids.type}>
            {t('form.typeHeading')}
          </Heading>
          {locations.length > 1 && !initial && (
            <SelectField
              label={t('form.school')}
              placeholder={t('form.chooseSchool')}
              choices={locations.map((location) => ({
                value: location.id,
                label: `${location.name}, ${location.place}`,
              }))}
              {...form.field('locationId', 'choice')}
            />
          )}
          <RadioGroupField
            legend={t('form.type')}
            choices={requestTypes.map((value) => ({
              value,
              label: t(`types.${value}`),
              description: t(`typeDescriptions.${value}`),
            }))}
            {...form.field('type', 'choice')}
            required={required('type')}
          />
          {(options.data?.expertiseTags.length ?? 0) > 0 && (
            <Fieldset>
              <FieldsetLegend>{t('form.expertise')}</FieldsetLegend>
              {options.data?.expertiseTags.map((tag) => (
                <CheckboxField
                  key={tag.id}
                  name="expertiseTagIds"
                  label={tag.name}
                  checked={values.expertiseTagIds.includes(tag.id)}
                  onChange={(checked) =>
                    update((current) => ({
                      ...current,
                      expertiseTagIds: checked
                        ? [...current.expertiseTagIds, tag.id]
                        : current.expertiseTagIds.filter((id) => id !== tag.id),
                    }))
                  }
                />
              ))}
            </Fieldset>
          )}
        </section>

        <section aria-labelledby={ids.question}>
          <Heading level={2} id={ids.question}>
            {t('form.questionHeading')}
          </Heading>
          <TextAreaField
            label={t('form.question')}
            {...form.field('question')}
            required={required('question')}
          />
          <TextAreaField
            label={t('form.tried')}
            {...form.field('triedInBasicSupport')}
            required={required('triedInBasicSupport')}
          />
          <TextAreaField
            label={t('form.hoped')}
            rows={3}
            {...form.field('hopedOutcome')}
            required={required('hopedOutcome')}
          />
          {/* A request from before the picker named its teacher in words: shown as it was, read-only. */}
          {initial?.teacherName && !initial.teacher && (
            <Paragraph>{t('form.teacherTyped', { name: initial.teacherName })}</Paragraph>
          )}
          <TeacherPicker
            locationId={values.locationId}
            current={initial?.teacher ?? null}
            {...form.field('teacherUserId', 'choice')}
            required={required('teacherUserId')}
          />
          <TextField label={t('form.group')} {...form.field('groupName')} required={required('groupName')} />
          {groupLevel && (
            <div className="passend-scope-box">
              <Paragraph>{t('form.groupNote')}</Paragraph>
            </div>
          )}
        </section>

        {pupilLevel && (
          <section aria-labelledby={ids.pupil}>
            <Heading level={2} id={ids.pupil}>
              {t('form.pupilHeading')}
            </Heading>
            <Paragraph>{t('form.pupilIntro')}</Paragraph>
            {form.message('pupil') && <FormFieldErrorMessage>{form.message('pupil')}</FormFieldErrorMessage>}
            <PupilPicker
              locationId={values.locationId}
              pickedId={values.pupilId || null}
              onPick={(picked) =>
                update((current) => ({
                  ...current,
                  pupilId: picked.id,
                  pupil: {
                    ...current.pupil,
                    name: picked.name,
                    birthDate: picked.birthDate ?? '',
                    group: picked.className ?? '',
                  },
                  // The register's parents fill an empty list; parents already typed stay.
                  parents:
                    current.parents.length > 0
                      ? current.parents
                      : picked.parents.map((parent) => ({
                          name: parent.name,
                          email: parent.email ?? '',
                          phone: parent.phone ?? '',
                          hasAuthority: parent.hasAuthority,
                        })),
                }))
              }
              onClear={() => update((current) => ({ ...current, pupilId: '' }))}
            />
            <TextField
              label={t('form.pupilName')}
              autoComplete="off"
              // A missing pupil is reported on `pupil`: the summary links it to the first pupil field.
              data-field="pupil"
              {...form.field('pupil.name')}
            />
            <TextField type="date" label={t('form.birthDate')} {...form.field('pupil.birthDate')} />
            {pupilIsTwelve && (
              <div className="passend-scope-box" role="status">
                <Paragraph>{t('form.pupilTwelve')}</Paragraph>
              </div>
            )}
            <TextField label={t('form.pupilGroup')} {...form.field('pupil.group')} />
            <TextField
              type="email"
              label={t('form.pupilEmail')}
              description={t('form.pupilEmailHint')}
              autoComplete="off"
              {...form.field('pupil.email')}
            />
            {/* A missing parent with authority is reported on `parents`: the summary links to this heading. */}
            <Heading level={3} id={ids.parents} tabIndex={-1} data-field="parents">
              {t('form.parentsHeading')}
            </Heading>
            {form.message('parents') && (
              <FormFieldErrorMessage>{form.message('parents')}</FormFieldErrorMessage>
            )}
            {values.parents.map((_parent, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: parents have no id before they are saved
              <Fieldset key={index} className="passend-fieldset">
                <FieldsetLegend>{t('form.parentLegend', { number: index + 1 })}</FieldsetLegend>
                <TextField
                  label={t('form.parentName')}
                  autoComplete="off"
                  {...form.field(`parents.${index}.name`)}
                />
                <TextField
                  type="email"
                  label={t('form.parentEmail')}
                  description={t('form.parentEmailHint')}
                  autoComplete="off"
                  {...form.field(`parents.${index}.email`)}
                />
                <TextField
                  type="tel"
                  label={t('form.parentPhone')}
                  autoComplete="off"
                  {...form.field(`parents.${index}.phone`)}
                />
                <CheckboxField
                  label={t('form.parentAuthority')}
                  {...form.checkbox(`parents.${index}.hasAuthority`)}
                />
                <ButtonGroup>
                  <SecondaryActionButton
                    type="button"
                    onClick={() =>
                      setParents((parents) => parents.filter((_item, position) => position !== index))
                    }
                  >
                    {t('form.removeParent', { number: index + 1 })}
                  </SecondaryActionButton>
                </ButtonGroup>
              </Fieldset>
            ))}
            {values.parents.length < maxParents && (
              <ButtonGroup>
                <SecondaryActionButton
                  type="button"
                  onClick={() => setParents((parents) => [...parents, { ...emptyParent }])}
                >
                  {t('form.addParent')}
                </SecondaryActionButton>
              </ButtonGroup>
            )}
          </section>
        )}

        <UnorderedList>
          <UnorderedListItem>{t('form.afterSubmit')}</UnorderedListItem>
          <UnorderedListItem>
            {initial ? (
              <RouterLink to={`/hulpvragen/${initial.id}`}>{t('form.toDetail')}</RouterLink>
            ) : (
              t('form.filesAfterSave')
            )}
          </UnorderedListItem>
        </UnorderedList>
        <ButtonGroup>
          <SecondaryActionButton
            type="button"
            busy={form.pending && lastIntent === 'draft'}
            onClick={saveDraft}
          >
            {t('form.saveDraft')}
          </SecondaryActionButton>
          <PrimaryActionButton
            type="submit"
            busy={form.pending && lastIntent === 'submit'}
            onClick={() => setLastIntent('submit')}
          >
            {t('form.submit')}
          </PrimaryActionButton>
        </ButtonGroup>
      </ContractForm>
    </>
  );
}
