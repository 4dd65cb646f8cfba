import {
  ButtonGroup,
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
import { useNavigateWithNotice } from '../../app/notice.tsx';
import { ContractForm } from '../../ui/Form.tsx';
import { TextAreaField } from '../../ui/form/ChoiceFields.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';

type PupilQuery = { pupilName: string; birthDate: string };

/**
 * `/privacy/verzoeken/nieuw`: find the pupil across the files by name and birth date (never a BSN),
 * choose the school when several match, then record the request with its requester and reason.
 */
export function NewSubjectRequestPage() {
  const { t } = useTranslation('subjectAccess');
  const navigate = useNavigate();
  const navigateWithNotice = useNavigateWithNotice();
  const findHeadingId = useId();
  const requestHeadingId = useId();
  const [found, setFound] = useState<{ query: PupilQuery; result: PupilSearchResult } | null>(null);

  const find = useContractForm({
    schema: pupilIdentitySchema,
    initial: { pupilName: '', birthDate: '' },
    namespace: 'subjectAccess',
    toInput: (values) => ({ ...values, pupilName: values.pupilName.trim() }),
    send: async (input) => ({
      query: input,
      result: await api.post('/api/subject-requests/pupil-search', input, pupilSearchResultSchema),
    }),
    onSuccess: (next) => {
      setFound(next);
      const [only] = next.result.matches;
      request.set('locationId', next.result.matches.length === 1 && only ? only.location.id : '');
    },
  });

  const request = useContractForm({
    schema: subjectRequestInputSchema,
    initial: {
      locationId: '',
      kind: '',
      requesterName: '',
      requesterRelation: '',
      requesterContact: '',
      reason: '',
      receivedOn: todayInAmsterdam(),
    },
    namespace: 'subjectAccess',
    toInput: (values) => ({
      ...found?.query,
      locationId: values.locationId || undefined,
      kind: values.kind || undefined,
      requesterName: values.requesterName.trim(),
      requesterRelation: values.requesterRelation || undefined,
      requesterContact: values.requesterContact.trim() || undefined,
      reason: values.reason.trim(),
      receivedOn: values.receivedOn,
    }),
    send: (input) => api.post('/api/subject-requests', input, subjectRequestDetailSchema),
    onSuccess: (detail) => navigateWithNotice(`/privacy/verzoeken/${detail.id}`, t('new.saved')),
  });

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
        <ContractForm form={find}>
          <TextField
            label={t('new.pupilName')}
            description={t('new.pupilNameDescription')}
            autoComplete="off"
            {...find.field('pupilName')}
          />
          <TextField type="date" label={t('new.birthDate')} {...find.field('birthDate')} />
          <ButtonGroup>
            <SecondaryActionButton type="submit" busy={find.pending}>
              {t('new.find')}
            </SecondaryActionButton>
          </ButtonGroup>
        </ContractForm>
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
          <ContractForm form={request}>
            {matches.length > 1 && (
              <SelectField
                label={t('new.school')}
                placeholder={t('new.school')}
                choices={matches.map((match) => ({ value: match.location.id, label: matchText(match) }))}
                {...request.field('locationId', 'choice')}
              />
            )}
            <SelectField
              label={t('new.kind')}
              placeholder={t('new.chooseKind')}
              choices={subjectRequestKinds.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))}
              {...request.field('kind', 'choice')}
            />
            <TextField
              label={t('new.requesterName')}
              autoComplete="off"
              {...request.field('requesterName')}
            />
            <SelectField
              label={t('new.requesterRelation')}
              placeholder={t('new.chooseRelation')}
              choices={requesterRelations.map((relation) => ({
                value: relation,
                label: t(`relations.${relation}`),
              }))}
              {...request.field('requesterRelation', 'choice')}
            />
            <TextAreaField
              label={t('new.requesterContact')}
              description={t('new.requesterContactDescription')}
              rows={2}
              {...request.field('requesterContact')}
            />
            <TextAreaField
              label={t('new.reason')}
              description={t('new.reasonDescription')}
              rows={3}
              {...request.field('reason')}
            />
            <TextField type="date" label={t('new.receivedOn')} {...request.field('receivedOn')} />
            <ButtonGroup>
              <PrimaryActionButton type="submit" busy={request.pending}>
                {t('new.submit')}
              </PrimaryActionButton>
              <SecondaryActionButton type="button" onClick={() => navigate('/privacy/verzoeken')}>
                {t('new.cancel')}
              </SecondaryActionButton>
            </ButtonGroup>
          </ContractForm>
        </section>
      )}
    </>
  );
}
