import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ButtonGroup,
  Heading,
  Paragraph,
  PrimaryActionButton,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import {
  type PupilDetail,
  pupilDetailSchema,
  pupilMergeInputSchema,
  pupilMergeResultSchema,
  pupilUpdateInputSchema,
} from '../../../../contracts/pupils.ts';
import { api } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { ContractForm } from '../../ui/Form.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { PupilPicker } from './PupilPicker.tsx';
import { pupilKeys } from './pupils.api.ts';
import './pupils.css';

/** `/leerlingen/:pupilId`: a pupil's register entry, to edit, and to merge a duplicate into (Y1). */
export function PupilPage() {
  const { t } = useTranslation('pupils');
  const { pupilId = '' } = useParams();
  const pupil = useQuery({
    queryKey: pupilKeys.detail(pupilId),
    queryFn: ({ signal }) => api.get(`/api/pupils/${pupilId}`, pupilDetailSchema, signal),
  });
  if (pupil.error) return <ErrorAlert errors={formErrorsFrom(pupil.error)} />;
  if (!pupil.data) return <Paragraph role="status">{t('app.loading', { ns: 'translation' })}</Paragraph>;
  return <PupilEntry key={pupil.data.id + pupil.data.name} pupil={pupil.data} />;
}

function PupilEntry({ pupil }: { pupil: PupilDetail }) {
  const { t } = useTranslation('pupils');
  const format = useFormatters();
  const ids = { parents: useId(), years: useId(), edit: useId() };
  return (
    <>
      <PageHeading>{pupil.name}</PageHeading>
      <Paragraph>
        <RouterLink to="/leerlingen">{t('detail.back')}</RouterLink>
      </Paragraph>
      <dl className="passend-pupil-facts">
        <dt>{t('fields.location')}</dt>
        <dd>{pupil.locationName}</dd>
        <dt>{t('fields.birthDate')}</dt>
        <dd>{pupil.birthDate ? format.date(pupil.birthDate) : t('detail.unknown')}</dd>
        <dt>{t('fields.className')}</dt>
        <dd>{pupil.className ?? t('detail.unknown')}</dd>
        <dt>{t('fields.mentor')}</dt>
        <dd>{pupil.mentor?.name ?? t('detail.none')}</dd>
        <dt>{t('detail.files')}</dt>
        <dd>
          {t('detail.fileCounts', { requests: pupil.requestCount, trajectories: pupil.trajectoryCount })}
        </dd>
      </dl>
      <section aria-labelledby={ids.parents}>
        <Heading level={2} id={ids.parents}>
          {t('detail.parents')}
        </Heading>
        {pupil.parents.length === 0 ? (
          <Paragraph>{t('detail.noParents')}</Paragraph>
        ) : (
          <UnorderedList>
            {pupil.parents.map((parent) => (
              <UnorderedListItem key={parent.id}>
                {[
                  parent.name,
                  parent.email,
                  parent.phone,
                  parent.hasAuthority ? t('detail.authority') : t('detail.noAuthority'),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        )}
      </section>
      <section aria-labelledby={ids.years}>
        <Heading level={2} id={ids.years}>
          {t('detail.years')}
        </Heading>
        <UnorderedList>
          {pupil.enrolments.map((enrolment) => (
            <UnorderedListItem key={enrolment.schoolYear}>
              {t('detail.year', {
                year: `${enrolment.schoolYear}-${enrolment.schoolYear + 1}`,
                className: enrolment.className ?? t('detail.unknown'),
                mentor: enrolment.mentor?.name ?? t('detail.none'),
              })}
            </UnorderedListItem>
          ))}
        </UnorderedList>
      </section>
      {pupil.may.edit && <EditSection pupil={pupil} headingId={ids.edit} />}
      {pupil.may.merge && <MergeSection pupil={pupil} />}
    </>
  );
}

type EditValues = { name: string; birthDate: string; className: string };

function EditSection({ pupil, headingId }: { pupil: PupilDetail; headingId: string }) {
  const { t } = useTranslation('pupils');
  const queryClient = useQueryClient();
  const form = useContractForm({
    schema: pupilUpdateInputSchema,
    namespace: 'pupils',
    initial: (): EditValues => ({
      name: pupil.name,
      birthDate: pupil.birthDate ?? '',
      className: pupil.className ?? '',
    }),
    // Mentor and parents stay as they are: this form changes the pupil's own details.
    toInput: (values) => ({
      name: values.name,
      birthDate: values.birthDate || null,
      className: values.className.trim() || null,
      mentorUserId: pupil.mentor?.id ?? null,
      parents: pupil.parents.map(({ name, email, phone, hasAuthority }) => ({
        name,
        email,
        phone,
        hasAuthority,
      })),
    }),
    send: (input) => api.put(`/api/pupils/${pupil.id}`, input, pupilDetailSchema),
    onSuccess: async (detail) => {
      queryClient.setQueryData(pupilKeys.detail(detail.id), detail);
      await queryClient.invalidateQueries({ queryKey: pupilKeys.lists() });
    },
    successNotice: t('edit.saved'),
  });
  return (
    <section aria-labelledby={headingId}>
      <Heading level={2} id={headingId}>
        {t('edit.title')}
      </Heading>
      <ContractForm form={form}>
        <TextField label={t('fields.name')} autoComplete="off" {...form.field('name')} />
        <TextField type="date" label={t('fields.birthDate')} {...form.field('birthDate')} />
        <TextField label={t('fields.className')} autoComplete="off" {...form.field('className')} />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={form.pending}>
            {t('edit.submit')}
          </PrimaryActionButton>
        </ButtonGroup>
      </ContractForm>
    </section>
  );
}

function MergeSection({ pupil }: { pupil: PupilDetail }) {
  const { t } = useTranslation('pupils');
  const headingId = useId();
  const queryClient = useQueryClient();
  const [duplicate, setDuplicate] = useState<PupilDetail | null>(null);
  const form = useContractForm({
    schema: pupilMergeInputSchema,
    namespace: 'pupils',
    initial: () => ({}),
    toInput: () => ({ sourcePupilId: duplicate?.id }),
    send: (input) => api.post(`/api/pupils/${pupil.id}/merge`, input, pupilMergeResultSchema),
    onSuccess: async (result) => {
      setDuplicate(null);
      queryClient.setQueryData(pupilKeys.detail(result.pupil.id), result.pupil);
      await queryClient.invalidateQueries({ queryKey: pupilKeys.lists() });
    },
    successNotice: (result) => t('merge.done', result.moved),
  });
  return (
    <section aria-labelledby={headingId}>
      <Heading level={2} id={headingId}>
        {t('merge.title')}
      </Heading>
      <Paragraph>{t('merge.intro', { name: pupil.name })}</Paragraph>
      <PupilPicker
        locationId={pupil.locationId}
        pickedId={duplicate?.id ?? null}
        onPick={(picked) => setDuplicate(picked.id === pupil.id ? null : picked)}
        onClear={() => setDuplicate(null)}
      />
      {duplicate && (
        <ContractForm form={form}>
          <Paragraph>{t('merge.confirm', { duplicate: duplicate.name, name: pupil.name })}</Paragraph>
          <ButtonGroup>
            <PrimaryActionButton type="submit" busy={form.pending}>
              {t('merge.submit')}
            </PrimaryActionButton>
          </ButtonGroup>
        </ContractForm>
      )}
    </section>
  );
}
