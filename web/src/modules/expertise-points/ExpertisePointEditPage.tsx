import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  ButtonGroup,
  FormFieldCheckbox,
  FormFieldTextarea,
  Heading2,
  Paragraph,
  PrimaryActionButton,
} from '@utrecht/component-library-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import {
  type ExpertisePointInput,
  type ExpertisePointOverview,
  expertisePointInputSchema,
  expertisePointLimits,
  expertisePointOverviewSchema,
} from '../../../../contracts/expertise-points.ts';
import { baseOfferItems } from '../../../../contracts/public.ts';
import { apiRequest } from '../../app/api.ts';
import { type FormErrors, formErrorsFrom, messageFor, noFormErrors, validate } from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Form } from '../../ui/Form.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { WarningStatus } from './WarningStatus.tsx';

const shownFields = ['room', 'openingHours', 'offersHomeworkSupport', 'publicDescription'];

/** `/expertisepunten/:locationId`: room, opening hours and offer of one expertise point (E1, E8). */
export function ExpertisePointEditPage() {
  const { t } = useTranslation('expertisePoints');
  const { t: tCore } = useTranslation();
  const { locationId = '' } = useParams();
  const point = useQuery({
    queryKey: ['expertise-points', 'location', locationId],
    queryFn: ({ signal }) =>
      apiRequest('GET', `/api/locations/${encodeURIComponent(locationId)}/expertise-point`, {
        schema: expertisePointOverviewSchema,
        signal,
      }),
    retry: false,
  });

  if (point.isError) {
    return (
      <>
        <PageHeading>{t('edit.loadingTitle')}</PageHeading>
        <ErrorAlert errors={formErrorsFrom(point.error)} />
        <Paragraph>
          <RouterLink to="/expertisepunten">{t('edit.back')}</RouterLink>
        </Paragraph>
      </>
    );
  }
  if (!point.data) {
    return (
      <>
        <PageHeading placeholder>{t('edit.loadingTitle')}</PageHeading>
        <Paragraph role="status">{tCore('app.loading')}</Paragraph>
      </>
    );
  }
  return <EditForm key={point.data.locationId} overview={point.data} />;
}

function EditForm({ overview }: { overview: ExpertisePointOverview }) {
  const { t } = useTranslation('expertisePoints');
  const { t: tCore } = useTranslation();
  const { t: tPublic } = useTranslation('publicPages');
  const queryClient = useQueryClient();
  const formHeadingId = useId();
  const [room, setRoom] = useState(overview.expertisePoint?.room ?? '');
  const [openingHours, setOpeningHours] = useState(overview.expertisePoint?.openingHours ?? '');
  const [offersHomeworkSupport, setOffersHomeworkSupport] = useState(
    overview.expertisePoint?.offersHomeworkSupport ?? false,
  );
  const [publicDescription, setPublicDescription] = useState(
    overview.expertisePoint?.publicDescription ?? '',
  );
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [saved, setSaved] = useState(false);

  const save = useMutation({
    mutationFn: (input: ExpertisePointInput) =>
      apiRequest('PUT', `/api/locations/${overview.locationId}/expertise-point`, {
        body: input,
        schema: expertisePointOverviewSchema,
      }),
    onSuccess: async (updated) => {
      queryClient.setQueryData(['expertise-points', 'location', overview.locationId], updated);
      await queryClient.invalidateQueries({ queryKey: ['expertise-points'] });
      setSaved(true);
    },
    onError: (error) => setErrors(formErrorsFrom(error)),
  });

  const submit = () => {
    if (save.isPending) return;
    setSaved(false);
    const result = validate(expertisePointInputSchema, {
      room,
      openingHours,
      offersHomeworkSupport,
      publicDescription,
    });
    if (!result.ok) return setErrors(result.errors);
    setErrors(noFormErrors);
    save.mutate(result.value);
  };

  const descriptionError = messageFor(tCore, errors, 'publicDescription');
  const shown =
    queryClient.getQueryData<ExpertisePointOverview>(['expertise-points', 'location', overview.locationId]) ??
    overview;

  return (
    <>
      <PageHeading>{t('edit.title', { name: overview.locationName })}</PageHeading>
      <Paragraph>
        <WarningStatus warning={shown.warning} />
      </Paragraph>
      <Paragraph>{t('edit.intro', { name: overview.locationName, place: overview.place })}</Paragraph>
      {saved && (
        <Alert type="ok" role="status">
          {t('edit.saved')}
        </Alert>
      )}
      <section className="passend-section passend-card" aria-labelledby={formHeadingId}>
        <Heading2 id={formHeadingId}>{t('edit.formTitle')}</Heading2>
        <Form errors={errors} fields={shownFields} onSubmit={submit} aria-labelledby={formHeadingId}>
          <TextField
            name="room"
            label={t('edit.room')}
            description={t('edit.roomDescription')}
            autoComplete="off"
            maxLength={expertisePointLimits.room}
            value={room}
            onChange={setRoom}
            error={messageFor(tCore, errors, 'room')}
          />
          <TextField
            name="openingHours"
            label={t('edit.openingHours')}
            description={t('edit.openingHoursDescription')}
            autoComplete="off"
            maxLength={expertisePointLimits.openingHours}
            value={openingHours}
            onChange={setOpeningHours}
            error={messageFor(tCore, errors, 'openingHours')}
          />
          <FormFieldCheckbox
            name="offersHomeworkSupport"
            label={t('edit.offersHomeworkSupport')}
            description={t('edit.offersHomeworkSupportDescription')}
            checked={offersHomeworkSupport}
            onChange={(event) => setOffersHomeworkSupport(event.target.checked)}
          />
          <FormFieldTextarea
            name="publicDescription"
            label={t('edit.publicDescription')}
            description={t('edit.publicDescriptionDescription', {
              maximum: expertisePointLimits.publicDescription,
            })}
            rows={5}
            maxLength={expertisePointLimits.publicDescription}
            value={publicDescription}
            onChange={(event) => setPublicDescription(event.target.value)}
            invalid={Boolean(descriptionError)}
            errorMessage={descriptionError}
          />
          <ButtonGroup>
            <PrimaryActionButton type="submit" busy={save.isPending}>
              {t('edit.submit')}
            </PrimaryActionButton>
          </ButtonGroup>
        </Form>
      </section>
      <section className="passend-section">
        <Heading2>{t('edit.teachersTitle')}</Heading2>
        {shown.vsoTeachers.length === 0 ? (
          <Paragraph>{t('edit.teachersNone')}</Paragraph>
        ) : (
          <ul className="passend-ep-list">
            {shown.vsoTeachers.map((teacher) => (
              <li key={teacher.id}>{teacher.name}</li>
            ))}
          </ul>
        )}
        <Paragraph>{t('overview.teachersHint')}</Paragraph>
      </section>
      <section className="passend-section">
        <Heading2>{t('edit.baseOfferTitle')}</Heading2>
        <Paragraph>{t('edit.baseOfferIntro')}</Paragraph>
        <ul className="passend-ep-list">
          {baseOfferItems.map((item) => (
            <li key={item}>{tPublic(`offer.${item}`)}</li>
          ))}
        </ul>
      </section>
      <Paragraph>
        <RouterLink to="/expertisepunten">{t('edit.back')}</RouterLink>
      </Paragraph>
    </>
  );
}
