import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ButtonGroup, Heading2, Paragraph, PrimaryActionButton } from '@utrecht/component-library-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import {
  type ExpertisePointOverview,
  expertisePointInputSchema,
  expertisePointOverviewSchema,
} from '../../../../contracts/expertise-points.ts';
import { baseOfferItems } from '../../../../contracts/public.ts';
import { apiRequest } from '../../app/api.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { ContractForm } from '../../ui/Form.tsx';
import { CheckboxField, TextAreaField } from '../../ui/form/ChoiceFields.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { expertisePointKeys } from './expertise-points.keys.ts';
import { WarningStatus } from './WarningStatus.tsx';

/** `/expertisepunten/:locationId`: room, opening hours and offer of one expertise point (E1, E8). */
export function ExpertisePointEditPage() {
  const { t } = useTranslation('expertisePoints');
  const { t: tCore } = useTranslation();
  const { locationId = '' } = useParams();
  const point = useQuery({
    queryKey: expertisePointKeys.location(locationId),
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
  const { t: tPublic } = useTranslation('publicPages');
  const queryClient = useQueryClient();
  const formHeadingId = useId();
  const form = useContractForm({
    schema: expertisePointInputSchema,
    initial: {
      room: overview.expertisePoint?.room ?? '',
      openingHours: overview.expertisePoint?.openingHours ?? '',
      offersHomeworkSupport: overview.expertisePoint?.offersHomeworkSupport ?? false,
      publicDescription: overview.expertisePoint?.publicDescription ?? '',
    },
    send: (input) =>
      apiRequest('PUT', `/api/locations/${overview.locationId}/expertise-point`, {
        body: input,
        schema: expertisePointOverviewSchema,
      }),
    successNotice: t('edit.saved'),
    onSuccess: async (updated) => {
      queryClient.setQueryData(expertisePointKeys.location(overview.locationId), updated);
      await queryClient.invalidateQueries({ queryKey: expertisePointKeys.all });
    },
  });

  const shown =
    queryClient.getQueryData<ExpertisePointOverview>(expertisePointKeys.location(overview.locationId)) ??
    overview;

  return (
    <>
      <PageHeading>{t('edit.title', { name: overview.locationName })}</PageHeading>
      <Paragraph>
        <WarningStatus warning={shown.warning} />
      </Paragraph>
      <Paragraph>{t('edit.intro', { name: overview.locationName, place: overview.place })}</Paragraph>
      <section className="passend-section passend-card" aria-labelledby={formHeadingId}>
        <Heading2 id={formHeadingId}>{t('edit.formTitle')}</Heading2>
        <ContractForm form={form} aria-labelledby={formHeadingId}>
          <TextField
            label={t('edit.room')}
            description={t('edit.roomDescription')}
            autoComplete="off"
            {...form.field('room')}
          />
          <TextField
            label={t('edit.openingHours')}
            description={t('edit.openingHoursDescription')}
            autoComplete="off"
            {...form.field('openingHours')}
          />
          <CheckboxField
            label={t('edit.offersHomeworkSupport')}
            description={t('edit.offersHomeworkSupportDescription')}
            {...form.checkbox('offersHomeworkSupport')}
          />
          <TextAreaField
            label={t('edit.publicDescription')}
            description={t('edit.publicDescriptionDescription', {
              maximum: form.rules('publicDescription').maxLength,
            })}
            rows={5}
            {...form.field('publicDescription')}
          />
          <ButtonGroup>
            <PrimaryActionButton type="submit" busy={form.pending}>
              {t('edit.submit')}
            </PrimaryActionButton>
          </ButtonGroup>
        </ContractForm>
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
