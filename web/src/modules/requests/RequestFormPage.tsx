import { useMutation, useQuery } from '@tanstack/react-query';
import {
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldCheckbox,
  FormFieldTextarea,
  FormLabel,
  Heading,
  Paragraph,
  PrimaryActionButton,
  RadioButton,
  SecondaryActionButton,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import {
  isGroupLevel,
  isPupilLevel,
  type RequestDetail,
  type RequestType,
  requestDetailSchema,
  requestDraftInputSchema,
  requestFormOptionsSchema,
  requestTypes,
} from '../../../../contracts/requests.ts';
import { ageOn, todayInAmsterdam } from '../../../../contracts/school-year.ts';
import { api, apiRequest } from '../../app/api.ts';
import { type FormErrors, formErrorsFrom, noFormErrors, validate } from '../../app/forms.ts';
import { Form } from '../../ui/Form.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { requestMessageFor, useRequestDetail } from './requests.api.ts';
import './requests.css';

type ParentState = { name: string; email: string; phone: string; hasAuthority: boolean };
type FormState = {
  locationId: string;
  type: RequestType | '';
  question: string;
  triedInBasicSupport: string;
  hopedOutcome: string;
  teacherName: string;
  groupName: string;
  asksDirectPupilSupport: boolean | null;
  expertiseTagIds: string[];
  pupil: { name: string; birthDate: string; group: string; email: string };
  parents: ParentState[];
};

const emptyParent: ParentState = { name: '', email: '', phone: '', hasAuthority: true };
const maxParents = 4;

function stateOf(detail: RequestDetail): FormState {
  return {
    locationId: detail.location.id,
    type: detail.type ?? '',
    question: detail.question ?? '',
    triedInBasicSupport: detail.triedInBasicSupport ?? '',
    hopedOutcome: detail.hopedOutcome ?? '',
    teacherName: detail.teacherName ?? '',
    groupName: detail.groupName ?? '',
    asksDirectPupilSupport: detail.asksDirectPupilSupport,
    expertiseTagIds: detail.expertiseTags.map((tag) => tag.id),
    pupil: {
      name: detail.pupil?.name ?? '',
      birthDate: detail.pupil?.birthDate ?? '',
      group: detail.pupil?.group ?? '',
      email: detail.pupil?.email ?? '',
    },
    parents: detail.parents.map((parent) => ({
      name: parent.name,
      email: parent.email ?? '',
      phone: parent.phone ?? '',
      hasAuthority: parent.hasAuthority,
    })),
  };
}

/** The draft as the API takes it: empty texts as null, a pupil only when something was filled in. */
function draftOf(state: FormState) {
  const orNull = (value: string) => (value.trim() === '' ? null : value);
  const pupilLevel = isPupilLevel(state.type || null);
  const pupilTouched = Object.values(state.pupil).some((value) => value.trim() !== '');
  return {
    type: state.type || null,
    question: orNull(state.question),
    triedInBasicSupport: orNull(state.triedInBasicSupport),
    hopedOutcome: orNull(state.hopedOutcome),
    teacherName: orNull(state.teacherName),
    groupName: orNull(state.groupName),
    asksDirectPupilSupport: state.asksDirectPupilSupport,
    expertiseTagIds: state.expertiseTagIds,
    pupil:
      pupilLevel && pupilTouched
        ? {
            name: state.pupil.name,
            birthDate: state.pupil.birthDate,
            group: orNull(state.pupil.group),
            email: orNull(state.pupil.email),
          }
        : null,
    parents: pupilLevel
      ? state.parents
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
      <Form errors={formErrorsFrom(error)} fields={[]} onSubmit={() => undefined}>
        {null}
      </Form>
    </>
  );
}

function RequestForm({ initial }: { initial: RequestDetail | null }) {
  const { t } = useTranslation('requests');
  const navigate = useNavigate();
  const options = useQuery({
    queryKey: ['requests', 'form-options'],
    queryFn: ({ signal }) => api.get('/api/requests/form-options', requestFormOptionsSchema, signal),
  });
  // One key per form: saving twice before the first answer arrives still makes one draft.
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);
  const [savedId, setSavedId] = useState<string | null>(initial?.id ?? null);
  const [state, setState] = useState<FormState>(
    initial
      ? stateOf(initial)
      : {
          locationId: '',
          type: '',
          question: '',
          triedInBasicSupport: '',
          hopedOutcome: '',
          teacherName: '',
          groupName: '',
          asksDirectPupilSupport: null,
          expertiseTagIds: [],
          pupil: { name: '', birthDate: '', group: '', email: '' },
          parents: [],
        },
  );
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [saved, setSaved] = useState(false);
  const ids = { scope: useId(), type: useId(), tags: useId() };
  const locations = options.data?.locations ?? [];

  useEffect(() => {
    if (!state.locationId && locations.length > 0)
      setState((current) => ({ ...current, locationId: locations[0]?.id ?? '' }));
  }, [locations, state.locationId]);

  const save = useMutation({
    mutationFn: async (then: 'stay' | 'submit'): Promise<RequestDetail> => {
      const draft = draftOf(state);
      const checked = validate(requestDraftInputSchema, draft);
      if (!checked.ok) throw checked.errors;
      const detail = savedId
        ? await apiRequest('PUT', `/api/requests/${savedId}`, {
            body: checked.value,
            schema: requestDetailSchema,
          })
        : await api.post(
            '/api/requests',
            { ...checked.value, locationId: state.locationId, idempotencyKey },
            requestDetailSchema,
          );
      setSavedId(detail.id);
      if (then === 'submit') return api.post(`/api/requests/${detail.id}/submit`, {}, requestDetailSchema);
      return detail;
    },
    onSuccess: (detail, then) => {
      setErrors(noFormErrors);
      if (then === 'submit') navigate(`/hulpvragen/${detail.id}`);
      else {
        setSaved(true);
        if (!initial) navigate(`/hulpvragen/${detail.id}/bewerken`, { replace: true });
      }
    },
    onError: (error) => {
      setSaved(false);
      setErrors(
        'fields' in (error as object) && !(error instanceof Error)
          ? (error as FormErrors)
          : formErrorsFrom(error),
      );
    },
  });

  const set = <Key extends keyof FormState>(key: Key, value: FormState[Key]) =>
    setState((current) => ({ ...current, [key]: value }));
  const setPupil = (key: keyof FormState['pupil'], value: string) =>
    setState((current) => ({ ...current, pupil: { ...current.pupil, [key]: value } }));
  const setParent = (index: number, change: Partial<ParentState>) =>
    setState((current) => ({
      ...current,
      parents: current.parents.map((parent, position) =>
        position === index ? { ...parent, ...change } : parent,
      ),
    }));
  const error = (path: string) => requestMessageFor(errors, path);
  const pupilLevel = isPupilLevel(state.type || null);
  const groupLevel = isGroupLevel(state.type || null);
  const birthDateValid = /^\d{4}-\d{2}-\d{2}$/.test(state.pupil.birthDate);
  const pupilIsTwelve = birthDateValid && ageOn(state.pupil.birthDate, todayInAmsterdam()) >= 12;
  const shownFields = [
    'asksDirectPupilSupport',
    'locationId',
    'type',
    'question',
    'triedInBasicSupport',
    'hopedOutcome',
    'teacherName',
    'groupName',
    'pupil',
    'pupil.name',
    'pupil.birthDate',
    'pupil.group',
    'pupil.email',
    'parents',
    ...state.parents.flatMap((_parent, index) =>
      ['name', 'email', 'phone'].map((field) => `parents.${index}.${field}`),
    ),
  ];

  return (
    <>
      <PageHeading>{initial ? t('form.editTitle') : t('form.newTitle')}</PageHeading>
      <Form errors={errors} fields={shownFields} onSubmit={() => save.mutate('submit')}>
        <section aria-labelledby={ids.scope}>
          <Heading level={2} id={ids.scope}>
            {t('form.scopeHeading')}
          </Heading>
          <div className="passend-scope-box">
            <Paragraph>{t('form.scopeDoes')}</Paragraph>
            <Paragraph>{t('form.scopeDoesNot')}</Paragraph>
          </div>
          <Fieldset invalid={Boolean(error('asksDirectPupilSupport'))}>
            <FieldsetLegend>{t('form.asksDirectPupilSupport')}</FieldsetLegend>
            {error('asksDirectPupilSupport') && (
              <Paragraph className="utrecht-form-field-error-message">
                {error('asksDirectPupilSupport')}
              </Paragraph>
            )}
            {([false, true] as const).map((value) => (
              <FormField
                key={String(value)}
                type="radio"
                input={
                  <RadioButton
                    id={`${ids.scope}-direct-${value}`}
                    name="asksDirectPupilSupport"
                    checked={state.asksDirectPupilSupport === value}
                    onChange={() => set('asksDirectPupilSupport', value)}
                  />
                }
                label={
                  <FormLabel htmlFor={`${ids.scope}-direct-${value}`} type="radio">
                    {value ? t('form.yes') : t('form.no')}
                  </FormLabel>
                }
              />
            ))}
          </Fieldset>
          {state.asksDirectPupilSupport === true && (
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
              name="locationId"
              label={t('form.school')}
              placeholder={t('form.chooseSchool')}
              value={state.locationId}
              onChange={(value) => set('locationId', value)}
              choices={locations.map((location) => ({
                value: location.id,
                label: `${location.name}, ${location.place}`,
              }))}
              error={error('locationId')}
            />
          )}
          <Fieldset invalid={Boolean(error('type'))}>
            <FieldsetLegend>{t('form.type')}</FieldsetLegend>
            {error('type') && (
              <Paragraph className="utrecht-form-field-error-message">{error('type')}</Paragraph>
            )}
            {requestTypes.map((type) => (
              <FormField
                key={type}
                type="radio"
                input={
                  <RadioButton
                    id={`${ids.type}-${type}`}
                    name="type"
                    checked={state.type === type}
                    aria-describedby={`${ids.type}-${type}-description`}
                    onChange={() => set('type', type)}
                  />
                }
                label={
                  <FormLabel htmlFor={`${ids.type}-${type}`} type="radio">
                    {t(`types.${type}`)}
                  </FormLabel>
                }
                description={
                  <span id={`${ids.type}-${type}-description`} className="utrecht-form-field-description">
                    {t(`typeDescriptions.${type}`)}
                  </span>
                }
              />
            ))}
          </Fieldset>
          {(options.data?.expertiseTags.length ?? 0) > 0 && (
            <Fieldset>
              <FieldsetLegend>{t('form.expertise')}</FieldsetLegend>
              {options.data?.expertiseTags.map((tag) => (
                <FormFieldCheckbox
                  key={tag.id}
                  name="expertiseTagIds"
                  label={tag.name}
                  checked={state.expertiseTagIds.includes(tag.id)}
                  onChange={(event) =>
                    set(
                      'expertiseTagIds',
                      event.target.checked
                        ? [...state.expertiseTagIds, tag.id]
                        : state.expertiseTagIds.filter((id) => id !== tag.id),
                    )
                  }
                />
              ))}
            </Fieldset>
          )}
        </section>

        <section aria-labelledby={`${ids.type}-question`}>
          <Heading level={2} id={`${ids.type}-question`}>
            {t('form.questionHeading')}
          </Heading>
          <FormFieldTextarea
            name="question"
            label={t('form.question')}
            rows={4}
            maxLength={4000}
            value={state.question}
            onChange={(event) => set('question', event.target.value)}
            invalid={Boolean(error('question'))}
            errorMessage={error('question')}
          />
          <FormFieldTextarea
            name="triedInBasicSupport"
            label={t('form.tried')}
            rows={4}
            maxLength={4000}
            value={state.triedInBasicSupport}
            onChange={(event) => set('triedInBasicSupport', event.target.value)}
            invalid={Boolean(error('triedInBasicSupport'))}
            errorMessage={error('triedInBasicSupport')}
          />
          <FormFieldTextarea
            name="hopedOutcome"
            label={t('form.hoped')}
            rows={3}
            maxLength={4000}
            value={state.hopedOutcome}
            onChange={(event) => set('hopedOutcome', event.target.value)}
            invalid={Boolean(error('hopedOutcome'))}
            errorMessage={error('hopedOutcome')}
          />
          <TextField
            name="teacherName"
            label={t('form.teacher')}
            required={false}
            maxLength={200}
            value={state.teacherName}
            onChange={(value) => set('teacherName', value)}
            error={error('teacherName')}
          />
          <TextField
            name="groupName"
            label={t('form.group')}
            required={false}
            maxLength={200}
            value={state.groupName}
            onChange={(value) => set('groupName', value)}
            error={error('groupName')}
          />
          {groupLevel && (
            <div className="passend-scope-box">
              <Paragraph>{t('form.groupNote')}</Paragraph>
            </div>
          )}
        </section>

        {pupilLevel && (
          <section aria-labelledby={`${ids.type}-pupil`}>
            <Heading level={2} id={`${ids.type}-pupil`}>
              {t('form.pupilHeading')}
            </Heading>
            <Paragraph>{t('form.pupilIntro')}</Paragraph>
            {error('pupil') && (
              <Paragraph className="utrecht-form-field-error-message">{error('pupil')}</Paragraph>
            )}
            <TextField
              name="pupilName"
              label={t('form.pupilName')}
              maxLength={200}
              autoComplete="off"
              value={state.pupil.name}
              onChange={(value) => setPupil('name', value)}
              error={error('pupil.name')}
            />
            <TextField
              name="pupilBirthDate"
              type="date"
              label={t('form.birthDate')}
              value={state.pupil.birthDate}
              onChange={(value) => setPupil('birthDate', value)}
              error={error('pupil.birthDate')}
            />
            {pupilIsTwelve && (
              <div className="passend-scope-box" role="status">
                <Paragraph>{t('form.pupilTwelve')}</Paragraph>
              </div>
            )}
            <TextField
              name="pupilGroup"
              label={t('form.pupilGroup')}
              required={false}
              maxLength={200}
              value={state.pupil.group}
              onChange={(value) => setPupil('group', value)}
              error={error('pupil.group')}
            />
            <TextField
              name="pupilEmail"
              type="email"
              label={t('form.pupilEmail')}
              description={t('form.pupilEmailHint')}
              required={false}
              maxLength={254}
              autoComplete="off"
              value={state.pupil.email}
              onChange={(value) => setPupil('email', value)}
              error={error('pupil.email')}
            />
            <Heading level={3}>{t('form.parentsHeading')}</Heading>
            {error('parents') && (
              <Paragraph className="utrecht-form-field-error-message">{error('parents')}</Paragraph>
            )}
            {state.parents.map((parent, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: parents have no id before they are saved
              <Fieldset key={index} className="passend-fieldset">
                <FieldsetLegend>{t('form.parentLegend', { number: index + 1 })}</FieldsetLegend>
                <TextField
                  name={`parent-${index}-name`}
                  label={t('form.parentName')}
                  maxLength={200}
                  autoComplete="off"
                  value={parent.name}
                  onChange={(value) => setParent(index, { name: value })}
                  error={error(`parents.${index}.name`)}
                />
                <TextField
                  name={`parent-${index}-email`}
                  type="email"
                  label={t('form.parentEmail')}
                  description={t('form.parentEmailHint')}
                  required={false}
                  maxLength={254}
                  autoComplete="off"
                  value={parent.email}
                  onChange={(value) => setParent(index, { email: value })}
                  error={error(`parents.${index}.email`)}
                />
                <TextField
                  name={`parent-${index}-phone`}
                  type="tel"
                  label={t('form.parentPhone')}
                  required={false}
                  maxLength={30}
                  autoComplete="off"
                  value={parent.phone}
                  onChange={(value) => setParent(index, { phone: value })}
                  error={error(`parents.${index}.phone`)}
                />
                <FormFieldCheckbox
                  name={`parent-${index}-authority`}
                  label={t('form.parentAuthority')}
                  checked={parent.hasAuthority}
                  onChange={(event) => setParent(index, { hasAuthority: event.target.checked })}
                />
                <ButtonGroup>
                  <SecondaryActionButton
                    type="button"
                    onClick={() =>
                      set(
                        'parents',
                        state.parents.filter((_item, position) => position !== index),
                      )
                    }
                  >
                    {t('form.removeParent', { number: index + 1 })}
                  </SecondaryActionButton>
                </ButtonGroup>
              </Fieldset>
            ))}
            {state.parents.length < maxParents && (
              <ButtonGroup>
                <SecondaryActionButton
                  type="button"
                  onClick={() => set('parents', [...state.parents, { ...emptyParent }])}
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
            {savedId ? (
              <RouterLink to={`/hulpvragen/${savedId}`}>{t('form.toDetail')}</RouterLink>
            ) : (
              t('form.filesAfterSave')
            )}
          </UnorderedListItem>
        </UnorderedList>
        {saved && (
          <Paragraph role="status" className="passend-status-message">
            {t('form.saved')}
          </Paragraph>
        )}
        <ButtonGroup>
          <SecondaryActionButton
            type="button"
            busy={save.isPending && save.variables === 'stay'}
            onClick={() => save.mutate('stay')}
          >
            {t('form.saveDraft')}
          </SecondaryActionButton>
          <PrimaryActionButton type="submit" busy={save.isPending && save.variables === 'submit'}>
            {t('form.submit')}
          </PrimaryActionButton>
        </ButtonGroup>
      </Form>
    </>
  );
}
