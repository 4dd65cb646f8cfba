import { useMutation, useQueryClient } from '@tanstack/react-query';
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
  schoolBoardSchema,
  sectors,
  updateLocationInputSchema,
} from '../../../../contracts/locations.ts';
import { api, isApiError } from '../../app/api.ts';
import { type FormErrors, formErrorsFrom, noFormErrors, validate } from '../../app/forms.ts';
import { ForbiddenPage, NotFoundPage, UnexpectedError } from '../../app/StatusPages.tsx';
import { Form } from '../../ui/Form.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import type { LocationPageState } from './LocationPage.tsx';
import {
  schoolsKeys,
  useFieldMessage,
  useLocationDetail,
  useSchoolBoards,
  withFieldSummary,
} from './schools.api.ts';
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

const fieldPaths = Object.keys(emptyDraft);

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
  const messageFor = useFieldMessage();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const boards = useSchoolBoards();
  const [draft, setDraft] = useState<Draft>(initial);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const set = (field: keyof Draft) => (value: string) =>
    setDraft((current) => ({ ...current, [field]: value }));
  const backTo = location ? `/scholen/${location.id}` : '/scholen';

  const save = useMutation({
    mutationFn: (input: unknown) =>
      location
        ? api.patch(`/api/locations/${location.id}`, input, locationDetailSchema)
        : api.post('/api/locations', input, locationDetailSchema),
    onSuccess: async (saved) => {
      queryClient.setQueryData(schoolsKeys.detail(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: schoolsKeys.lists });
      const state: LocationPageState = { saved: location ? 'updated' : 'created' };
      navigate(`/scholen/${saved.id}`, { state });
    },
    onError: (error) => setErrors(withFieldSummary(formErrorsFrom(error))),
  });

  const submit = () => {
    if (save.isPending) return;
    const result = validate(location ? updateLocationInputSchema : createLocationInputSchema, toInput(draft));
    if (!result.ok) return setErrors(result.errors);
    setErrors(noFormErrors);
    save.mutate(result.value);
  };

  const title = location ? t('locationForm.titleEdit', { name: location.name }) : t('locationForm.titleNew');
  const text = (
    field: keyof Draft,
    label: string,
    options: { description?: string; required?: boolean; maxLength: number },
  ) => (
    <TextField
      name={field}
      label={options.required ? `${label} ${t('locationForm.required')}` : label}
      description={options.description}
      required={options.required ?? false}
      autoComplete="off"
      maxLength={options.maxLength}
      value={draft[field]}
      onChange={set(field)}
      error={messageFor(errors, field)}
    />
  );

  return (
    <>
      <Paragraph>
        <RouterLink to={backTo}>{t('locationDetail.back')}</RouterLink>
      </Paragraph>
      <PageHeading>{title}</PageHeading>
      <Paragraph>{t('locationForm.intro')}</Paragraph>
      <Form errors={errors} fields={fieldPaths} onSubmit={submit} className="passend-narrow">
        <Fieldset className="passend-fieldset-card">
          <FieldsetLegend>{t('locationForm.codesLegend')}</FieldsetLegend>
          <div className="passend-field-row">
            {text('brin', t('locationForm.brin'), {
              description: t('locationForm.brinDescription'),
              required: true,
              maxLength: 10,
            })}
            {text('locationCode', t('locationForm.locationCode'), {
              description: t('locationForm.locationCodeDescription'),
              required: true,
              maxLength: 5,
            })}
          </div>
        </Fieldset>
        {text('name', t('locationForm.name'), { required: true, maxLength: 200 })}
        <SelectField
          name="sector"
          label={`${t('locationForm.sector')} ${t('locationForm.required')}`}
          placeholder={t('locationForm.sectorPlaceholder')}
          value={draft.sector}
          onChange={set('sector')}
          choices={sectors.map((sector) => ({ value: sector, label: common(`sectors.${sector}`) }))}
          error={messageFor(errors, 'sector')}
        />
        <SelectField
          name="boardId"
          label={t('locationForm.board')}
          placeholder={t('locationForm.boardNone')}
          busy={boards.isFetching}
          value={draft.boardId}
          onChange={set('boardId')}
          choices={(boards.data?.items ?? []).map((board) => ({
            value: board.id,
            label: `${board.name} (${board.code})`,
          }))}
          error={messageFor(errors, 'boardId')}
        />
        <Fieldset className="passend-fieldset-card">
          <FieldsetLegend>{t('locationForm.addressLegend')}</FieldsetLegend>
          <div className="passend-field-row">
            {text('street', t('locationForm.street'), { maxLength: 200 })}
            {text('houseNumber', t('locationForm.houseNumber'), { maxLength: 20 })}
          </div>
          <div className="passend-field-row">
            {text('postalCode', t('locationForm.postalCode'), {
              description: t('locationForm.postalCodeDescription'),
              maxLength: 10,
            })}
            {text('place', t('locationForm.place'), { required: true, maxLength: 100 })}
          </div>
        </Fieldset>
        <Fieldset className="passend-fieldset-card">
          <FieldsetLegend>{t('locationForm.periodLegend')}</FieldsetLegend>
          <Paragraph>{t('locationForm.periodDescription')}</Paragraph>
          <div className="passend-field-row">
            <TextField
              name="activeFrom"
              type="date"
              label={t('locationForm.activeFrom')}
              required={false}
              value={draft.activeFrom}
              onChange={set('activeFrom')}
              error={messageFor(errors, 'activeFrom')}
            />
            <TextField
              name="activeTo"
              type="date"
              label={t('locationForm.activeTo')}
              required={false}
              value={draft.activeTo}
              onChange={set('activeTo')}
              error={messageFor(errors, 'activeTo')}
            />
          </div>
        </Fieldset>
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={save.isPending}>
            {location ? t('locationForm.save') : t('locationForm.create')}
          </PrimaryActionButton>
          <SecondaryActionButton type="button" onClick={() => navigate(backTo)}>
            {t('locationForm.cancel')}
          </SecondaryActionButton>
        </ButtonGroup>
      </Form>
      <NewBoardSection onCreated={(boardId) => set('boardId')(boardId)} />
    </>
  );
}

/** Adds a school board that is not in the list yet, and chooses it in the location form. */
function NewBoardSection({ onCreated }: { onCreated: (boardId: string) => void }) {
  const { t } = useTranslation('schools');
  const messageFor = useFieldMessage();
  const headingId = useId();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [added, setAdded] = useState<string | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);

  const create = useMutation({
    mutationFn: (input: unknown) => api.post('/api/school-boards', input, schoolBoardSchema),
    onSuccess: async (board) => {
      await queryClient.invalidateQueries({ queryKey: schoolsKeys.boards });
      onCreated(board.id);
      setAdded(t('boards.saved', { name: board.name }));
      setCode('');
      setName('');
      setErrors(noFormErrors);
      setOpen(false);
    },
    onError: (error) => setErrors(withFieldSummary(formErrorsFrom(error))),
  });

  const submit = () => {
    if (create.isPending) return;
    const result = validate(createSchoolBoardInputSchema, { code, name });
    if (!result.ok) return setErrors(result.errors);
    create.mutate(result.value);
  };

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
        <Form errors={errors} fields={['code', 'name']} onSubmit={submit} aria-labelledby={headingId}>
          <TextField
            name="code"
            label={t('boards.code')}
            autoComplete="off"
            maxLength={20}
            value={code}
            onChange={setCode}
            error={messageFor(errors, 'code')}
          />
          <TextField
            name="name"
            label={t('boards.name')}
            autoComplete="off"
            maxLength={200}
            value={name}
            onChange={setName}
            error={messageFor(errors, 'name')}
          />
          <ButtonGroup>
            <PrimaryActionButton type="submit" busy={create.isPending}>
              {t('boards.save')}
            </PrimaryActionButton>
            <SecondaryActionButton type="button" onClick={() => setOpen(false)}>
              {t('locationForm.cancel')}
            </SecondaryActionButton>
          </ButtonGroup>
        </Form>
      )}
    </section>
  );
}
