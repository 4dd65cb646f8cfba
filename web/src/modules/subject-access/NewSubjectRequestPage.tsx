import { useMutation } from '@tanstack/react-query';
import {
  ButtonGroup,
  FormFieldTextarea,
  Heading,
  Paragraph,
  PrimaryActionButton,
  SecondaryActionButton,
} from '@utrecht/component-library-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { todayInAmsterdam } from '../../../../contracts/school-year.ts';
import {
  type PupilSearchResult,
  pupilIdentitySchema,
  pupilSearchResultSchema,
  requesterRelations,
  subjectRequestDetailSchema,
  subjectRequestInputSchema,
  subjectRequestKinds,
} from '../../../../contracts/subject-access.ts';
import { api } from '../../app/api.ts';
import {
  type FormErrors,
  formErrorsFrom,
  moduleMessageFor,
  noFormErrors,
  validate,
} from '../../app/forms.ts';
import { Form } from '../../ui/Form.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';

const errorsOf = (error: unknown): FormErrors =>
  !(error instanceof Error) && error && typeof error === 'object' && 'fields' in error
    ? (error as FormErrors)
    : formErrorsFrom(error);

/**
 * `/privacy/verzoeken/nieuw`: find the pupil across the files by name and birth date (never a BSN),
 * choose the school when several match, then record the request with its requester and reason.
 */
export function NewSubjectRequestPage() {
  const { t } = useTranslation('subjectAccess');
  const navigate = useNavigate();
  const findHeadingId = useId();
  const requestHeadingId = useId();
  const [pupil, setPupil] = useState({ pupilName: '', birthDate: '' });
  const [found, setFound] = useState<{ query: typeof pupil; result: PupilSearchResult } | null>(null);
  const [findErrors, setFindErrors] = useState<FormErrors>(noFormErrors);
  const [form, setForm] = useState({
    locationId: '',
    kind: '',
    requesterName: '',
    requesterRelation: '',
    requesterContact: '',
    reason: '',
    receivedOn: todayInAmsterdam(),
  });
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);

  const find = useMutation({
    mutationFn: async () => {
      const checked = validate(pupilIdentitySchema, { ...pupil, pupilName: pupil.pupilName.trim() });
      if (!checked.ok) throw checked.errors;
      return {
        query: pupil,
        result: await api.post('/api/subject-requests/pupil-search', checked.value, pupilSearchResultSchema),
      };
    },
    onSuccess: (next) => {
      setFindErrors(noFormErrors);
      setFound(next);
      const [only] = next.result.matches;
      setForm((current) => ({
        ...current,
        locationId: next.result.matches.length === 1 && only ? only.location.id : '',
      }));
    },
    onError: (error) => setFindErrors(errorsOf(error)),
  });

  const save = useMutation({
    mutationFn: async () => {
      if (!found) throw noFormErrors;
      const checked = validate(subjectRequestInputSchema, {
        ...found.query,
        pupilName: found.query.pupilName.trim(),
        locationId: form.locationId || undefined,
        kind: form.kind || undefined,
        requesterName: form.requesterName.trim(),
        requesterRelation: form.requesterRelation || undefined,
        requesterContact: form.requesterContact.trim() || undefined,
        reason: form.reason.trim(),
        receivedOn: form.receivedOn,
      });
      if (!checked.ok) throw checked.errors;
      return api.post('/api/subject-requests', checked.value, subjectRequestDetailSchema);
    },
    onSuccess: (detail) => navigate(`/privacy/verzoeken/${detail.id}`),
    onError: (error) => setErrors(errorsOf(error)),
  });

  const change = (name: keyof typeof form) => (value: string) =>
    setForm((current) => ({ ...current, [name]: value }));
  const message = (source: FormErrors, path: string) => moduleMessageFor('subjectAccess', source, path);
  const matches = found?.result.matches ?? [];
  const matchText = (match: (typeof matches)[number]) =>
    t('new.matchLabel', {
      school: match.location.name,
      requests: match.requests,
      trajectories: match.trajectories,
    });
  const [onlyMatch] = matches;

  return (
    <>
      <PageHeading>{t('new.title')}</PageHeading>
      <Paragraph>{t('new.intro')}</Paragraph>
      <section className="passend-section" aria-labelledby={findHeadingId}>
        <Heading level={2} id={findHeadingId}>
          {t('new.findHeading')}
        </Heading>
        <Form errors={findErrors} fields={['pupilName', 'birthDate']} onSubmit={() => find.mutate()}>
          <TextField
            name="pupilName"
            label={t('new.pupilName')}
            description={t('new.pupilNameDescription')}
            autoComplete="off"
            maxLength={200}
            value={pupil.pupilName}
            onChange={(value) => setPupil((current) => ({ ...current, pupilName: value }))}
            error={message(findErrors, 'pupilName')}
          />
          <TextField
            name="birthDate"
            type="date"
            label={t('new.birthDate')}
            value={pupil.birthDate}
            onChange={(value) => setPupil((current) => ({ ...current, birthDate: value }))}
            error={message(findErrors, 'birthDate')}
          />
          <ButtonGroup>
            <SecondaryActionButton type="submit" busy={find.isPending}>
              {t('new.find')}
            </SecondaryActionButton>
          </ButtonGroup>
        </Form>
        {found && (
          <div role="status">
            {matches.length === 0 && <Paragraph>{t('new.noMatch')}</Paragraph>}
            {matches.length === 1 && onlyMatch && (
              <Paragraph>
                {t('new.oneMatch', {
                  school: onlyMatch.location.name,
                  requests: onlyMatch.requests,
                  trajectories: onlyMatch.trajectories,
                })}
              </Paragraph>
            )}
            {matches.length > 1 && <Paragraph>{t('new.chooseSchool')}</Paragraph>}
          </div>
        )}
      </section>

      {found && matches.length > 0 && (
        <section className="passend-section" aria-labelledby={requestHeadingId}>
          <Heading level={2} id={requestHeadingId}>
            {t('new.requestHeading')}
          </Heading>
          <Form
            errors={errors}
            fields={[
              'locationId',
              'kind',
              'requesterName',
              'requesterRelation',
              'requesterContact',
              'reason',
              'receivedOn',
            ]}
            onSubmit={() => save.mutate()}
          >
            {matches.length > 1 && (
              <SelectField
                name="locationId"
                label={t('new.school')}
                placeholder={t('new.school')}
                value={form.locationId}
                onChange={change('locationId')}
                choices={matches.map((match) => ({ value: match.location.id, label: matchText(match) }))}
                error={message(errors, 'locationId')}
              />
            )}
            <SelectField
              name="kind"
              label={t('new.kind')}
              placeholder={t('new.chooseKind')}
              value={form.kind}
              onChange={change('kind')}
              choices={subjectRequestKinds.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))}
              error={message(errors, 'kind')}
            />
            <TextField
              name="requesterName"
              label={t('new.requesterName')}
              autoComplete="off"
              maxLength={200}
              value={form.requesterName}
              onChange={change('requesterName')}
              error={message(errors, 'requesterName')}
            />
            <SelectField
              name="requesterRelation"
              label={t('new.requesterRelation')}
              placeholder={t('new.chooseRelation')}
              value={form.requesterRelation}
              onChange={change('requesterRelation')}
              choices={requesterRelations.map((relation) => ({
                value: relation,
                label: t(`relations.${relation}`),
              }))}
              error={message(errors, 'requesterRelation')}
            />
            <FormFieldTextarea
              name="requesterContact"
              label={t('new.requesterContact')}
              description={t('new.requesterContactDescription')}
              rows={2}
              maxLength={500}
              value={form.requesterContact}
              onChange={(event) => change('requesterContact')(event.target.value)}
              invalid={Boolean(message(errors, 'requesterContact'))}
              errorMessage={message(errors, 'requesterContact')}
            />
            <FormFieldTextarea
              name="reason"
              label={t('new.reason')}
              description={t('new.reasonDescription')}
              rows={3}
              maxLength={2000}
              required
              value={form.reason}
              onChange={(event) => change('reason')(event.target.value)}
              invalid={Boolean(message(errors, 'reason'))}
              errorMessage={message(errors, 'reason')}
            />
            <TextField
              name="receivedOn"
              type="date"
              label={t('new.receivedOn')}
              value={form.receivedOn}
              onChange={change('receivedOn')}
              error={message(errors, 'receivedOn')}
            />
            <ButtonGroup>
              <PrimaryActionButton type="submit" busy={save.isPending}>
                {t('new.submit')}
              </PrimaryActionButton>
              <SecondaryActionButton type="button" onClick={() => navigate('/privacy/verzoeken')}>
                {t('new.cancel')}
              </SecondaryActionButton>
            </ButtonGroup>
          </Form>
        </section>
      )}
    </>
  );
}
