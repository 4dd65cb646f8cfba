import { useQueryClient } from '@tanstack/react-query';
import {
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  Heading2,
  Paragraph,
  PrimaryActionButton,
  SecondaryActionButton,
} from '@utrecht/component-library-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import {
  createLocationInputSchema,
  createSchoolBoardInputSchema,
  type LocationDetail,
  locationDetailSchema,
  type SchoolBoard,
  schoolBoardSchema,
  sectors,
  updateLocationInputSchema,
} from '../../../../contracts/locations.ts';
import { api, isApiError } from '../../app/api.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { ForbiddenPage, NotFoundPage, UnexpectedError } from '../../app/StatusPages.tsx';
import { ContractForm } from '../../ui/Form.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import type { LocationPageState } from './LocationPage.tsx';
import { schoolsKeys, useLocationDetail, useSchoolBoards, withFieldSummary } from './schools.api.ts';
import './schools.css';

type Draft = {
  brin: string;
  locationCode: string;
  name: string;
  sector: string;
  boardId: string;
  street: string;
  houseNumber: string;
  postalCode: string;
  place: string;
  activeFrom: string;
  activeTo: string;
};

const emptyDraft: Draft = {
  brin: '',
  locationCode: '00',
  name: '',
  sector: '',
  boardId: '',
  street: '',
  houseNumber: '',
  postalCode: '',
  place: '',
  activeFrom: '',
  activeTo: '',
};

function draftOf(location: LocationDetail): Draft {
  return {
    brin: location.brin,
    locationCode: location.locationCode,
    name: location.name,
    sector: location.sector,
    boardId: location.board?.id ?? '',
    street: location.street,
    houseNumber: location.houseNumber,
    postalCode: location.postalCode,
    place: location.place,
    activeFrom: location.activeFrom ?? '',
    activeTo: location.activeTo ?? '',
  };
}

/** What the form sends: empty choices and dates as null, an unchosen sector left out so it reads "required". */
function toInput(draft: Draft) {
  return {
    ...draft,
    sector: draft.sector || undefined,
    boardId: draft.boardId || null,
    activeFrom: draft.activeFrom || null,
    activeTo: draft.activeTo || null,
  };
}

/** `/scholen/nieuw`: a new location. */
export function NewLocationPage() {
  return <LocationForm initial={emptyDraft} location={null} />;
}

/** `/scholen/:locationId/bewerken`: the location's details. */
export function EditLocationPage() {
  const { locationId = '' } = useParams();
  const { t } = useTranslation();
  const location = useLocationDetail(locationId);
  if (location.isError && isApiError(location.error, 'not_found')) return <NotFoundPage />;
  if (location.isError && isApiError(location.error, 'forbidden')) return <ForbiddenPage />;
  if (location.isError) return <UnexpectedError error={location.error} />;
  if (!location.data)
    return (
      <>
        <PageHeading placeholder>{t('app.loading')}</PageHeading>
        <Paragraph role="status">{t('app.loading')}</Paragraph>
      </>
    );
  return <LocationForm key={location.data.id} initial={draftOf(location.data)} location={location.data} />;
}

function LocationForm({ initial, location }: { initial: Draft; location: LocationDetail | null }) {
  const { t } = useTranslation('schools');
  const { t: common } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const boards = useSchoolBoards();
  const backTo = location ? `/scholen/${location.id}` : '/scholen';

  const form = useContractForm({
    // What is required and how long a field may be is the same for a new and a changed location.
    schema: createLocationInputSchema,
    schemaFor: () => (location ? updateLocationInputSchema : createLocationInputSchema),
    initial,
    toInput,
    namespace: 'schools',
    send: (input): Promise<LocationDetail> =>
      location
        ? api.patch(`/api/locations/${location.id}`, input, locationDetailSchema)
        : api.post('/api/locations', input, locationDetailSchema),
    onSuccess: async (saved) => {
      queryClient.setQueryData(schoolsKeys.detail(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: schoolsKeys.lists });
      const state: LocationPageState = { saved: location ? 'updated' : 'created' };
      navigate(`/scholen/${saved.id}`, { state });
    },
    // A code already in use comes back as a conflict with a field: it reads as "check the fields".
    onError: (error) => {
      form.showErrors(withFieldSummary(formErrorsFrom(error)));
    },
  });

  const title = location ? t('locationForm.titleEdit', { name: location.name }) : t('locationForm.titleNew');
  const text = (field: keyof Draft, label: string, description?: string) => {
    const binding = form.field(field);
    return (
      <TextField
        label={binding.required ? `${label} ${t('locationForm.required')}` : label}
        description={description}
        autoComplete="off"
        {...binding}
      />
    );
  };
  const sector = form.field('sector', 'choice');

  return (
    <>
      <Paragraph>
        <RouterLink to={backTo}>{t('locationDetail.back')}</RouterLink>
      </Paragraph>
      <PageHeading>{title}</PageHeading>
      <Paragraph>{t('locationForm.intro')}</Paragraph>
      <ContractForm form={form} className="passend-narrow">
        <Fieldset className="passend-fieldset-card">
          <FieldsetLegend>{t('locationForm.codesLegend')}</FieldsetLegend>
          <div className="passend-field-row">
            {text('brin', t('locationForm.brin'), t('locationForm.brinDescription'))}
            {text('locationCode', t('locationForm.locationCode'), t('locationForm.locationCodeDescription'))}
          </div>
        </Fieldset>
        {text('name', t('locationForm.name'))}
        <SelectField
          label={`${t('locationForm.sector')} ${t('locationForm.required')}`}
          placeholder={t('locationForm.sectorPlaceholder')}
          choices={sectors.map((value) => ({ value, label: common(`sectors.${value}`) }))}
          {...sector}
        />
        <SelectField
          label={t('locationForm.board')}
          placeholder={t('locationForm.boardNone')}
          busy={boards.isFetching}
          choices={(boards.data?.items ?? []).map((board) => ({
            value: board.id,
            label: `${board.name} (${board.code})`,
          }))}
          {...form.field('boardId', 'choice')}
        />
        <Fieldset className="passend-fieldset-card">
          <FieldsetLegend>{t('locationForm.addressLegend')}</FieldsetLegend>
          <div className="passend-field-row">
            {text('street', t('locationForm.street'))}
            {text('houseNumber', t('locationForm.houseNumber'))}
          </div>
          <div className="passend-field-row">
            {text('postalCode', t('locationForm.postalCode'), t('locationForm.postalCodeDescription'))}
            {text('place', t('locationForm.place'))}
          </div>
        </Fieldset>
        <Fieldset className="passend-fieldset-card">
          <FieldsetLegend>{t('locationForm.periodLegend')}</FieldsetLegend>
          <Paragraph>{t('locationForm.periodDescription')}</Paragraph>
          <div className="passend-field-row">
            <TextField type="date" label={t('locationForm.activeFrom')} {...form.field('activeFrom')} />
            <TextField type="date" label={t('locationForm.activeTo')} {...form.field('activeTo')} />
          </div>
        </Fieldset>
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={form.pending}>
            {location ? t('locationForm.save') : t('locationForm.create')}
          </PrimaryActionButton>
          <SecondaryActionButton type="button" onClick={() => navigate(backTo)}>
            {t('locationForm.cancel')}
          </SecondaryActionButton>
        </ButtonGroup>
      </ContractForm>
      <NewBoardSection onCreated={(boardId) => form.set('boardId', boardId)} />
    </>
  );
}

/** Adds a school board that is not in the list yet, and chooses it in the location form. */
function NewBoardSection({ onCreated }: { onCreated: (boardId: string) => void }) {
  const { t } = useTranslation('schools');
  const headingId = useId();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const form = useContractForm({
    schema: createSchoolBoardInputSchema,
    initial: { code: '', name: '' },
    namespace: 'schools',
    send: (input): Promise<SchoolBoard> => api.post('/api/school-boards', input, schoolBoardSchema),
    onSuccess: async (board) => {
      await queryClient.invalidateQueries({ queryKey: schoolsKeys.boards });
      onCreated(board.id);
      setAdded(t('boards.saved', { name: board.name }));
      form.reset();
      setOpen(false);
    },
    onError: (error) => {
      form.showErrors(withFieldSummary(formErrorsFrom(error)));
    },
  });

  return (
    <section className="passend-section passend-narrow" aria-labelledby={headingId}>
      <Heading2 id={headingId}>{t('boards.heading')}</Heading2>
      <Paragraph>{t('boards.intro')}</Paragraph>
      {added && <Paragraph role="status">{added}</Paragraph>}
      {!open ? (
        <ButtonGroup>
          <SecondaryActionButton
            type="button"
            aria-expanded={false}
            onClick={() => {
              setAdded(null);
              setOpen(true);
            }}
          >
            {t('boards.open')}
          </SecondaryActionButton>
        </ButtonGroup>
      ) : (
        <ContractForm form={form} aria-labelledby={headingId}>
          <TextField label={t('boards.code')} autoComplete="off" {...form.field('code')} />
          <TextField label={t('boards.name')} autoComplete="off" {...form.field('name')} />
          <ButtonGroup>
            <PrimaryActionButton type="submit" busy={form.pending}>
              {t('boards.save')}
            </PrimaryActionButton>
            <SecondaryActionButton type="button" onClick={() => setOpen(false)}>
              {t('locationForm.cancel')}
            </SecondaryActionButton>
          </ButtonGroup>
        </ContractForm>
      )}
    </section>
  );
}
