import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ButtonGroup,
  Heading,
  Paragraph,
  PrimaryActionButton,
  SecondaryActionButton,
} from '@utrecht/component-library-react';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Contact,
  type ContactPage,
  contactInputSchema,
  contactPageSchema,
  contactSchema,
} from '../../../../contracts/pupil-records.ts';
import { todayInAmsterdam } from '../../../../contracts/school-year.ts';
import { contactChannels, contactParties } from '../../../../contracts/trajectories.ts';
import { api, withQuery } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { ContractForm } from '../../ui/Form.tsx';
import { TextAreaField } from '../../ui/form/ChoiceFields.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { Pagination } from '../../ui/Pagination.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { type Column, DataTable } from '../../ui/table/DataTable.tsx';
import { useSectionListParams } from '../trajectories/section-params.ts';
import type { TrajectorySectionProps } from '../trajectories/sections.tsx';
import { pupilRecordKeys } from './pupil-records.api.ts';

const pageSize = 10;

/**
 * The contacts log on the trajectory page (E5): with parents, teachers, mentor, team leader and care
 * coordinator — date, with whom, how, summary — and follow-ups with their owner, marked done here.
 */
export function ContactsSection({ trajectoryId }: TrajectorySectionProps) {
  const { t } = useTranslation('pupilRecords');
  const headingId = useId();
  const statusRef = useRef<HTMLParagraphElement>(null);
  const queryClient = useQueryClient();
  const params = useSectionListParams({});
  const [done, setDone] = useState<string | null>(null);
  const contacts = useQuery({
    queryKey: pupilRecordKeys.contactsPage(trajectoryId, params.page),
    queryFn: ({ signal }) =>
      api.get(
        withQuery(`/api/trajectories/${trajectoryId}/contacts`, { page: params.page, pageSize }),
        contactPageSchema,
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: pupilRecordKeys.contacts(trajectoryId) });
  const complete = useMutation({
    mutationFn: (contact: Contact) =>
      api.post(`/api/trajectory-contacts/${contact.id}/follow-up-done`, {}, contactSchema),
    onSuccess: () => {
      setDone(t('pupilRecords.contacts.markedDone'));
      void refresh();
      // The button is gone with the open state: the status takes focus, in this section.
      statusRef.current?.focus();
    },
  });
  const data = contacts.data;

  return (
    <section aria-labelledby={headingId} className="passend-section">
      <Heading level={2} id={headingId}>
        {t('pupilRecords.contacts.heading')}
      </Heading>
      <Paragraph>{t('pupilRecords.contacts.intro')}</Paragraph>
      <Paragraph ref={statusRef} tabIndex={-1} role="status">
        {done}
      </Paragraph>
      {contacts.error && <ErrorAlert errors={formErrorsFrom(contacts.error)} />}
      {complete.error && <ErrorAlert errors={formErrorsFrom(complete.error)} />}
      {!data && !contacts.error && <Paragraph>{t('pupilRecords.common.loading')}</Paragraph>}
      {data && (
        <>
          {data.items.length === 0 ? (
            <Paragraph>{t('pupilRecords.contacts.empty')}</Paragraph>
          ) : (
            <ContactsTable
              page={data}
              busyId={complete.isPending ? (complete.variables?.id ?? null) : null}
              onComplete={(contact) => complete.mutate(contact)}
            />
          )}
          <Pagination
            page={data.page}
            pageSize={data.pageSize}
            total={data.total}
            onPageChange={params.setPage}
          />
          <AddContact
            trajectoryId={trajectoryId}
            owners={data.followUpOwners}
            onAdded={() => {
              setDone(null);
              // The newest contact comes first.
              if (params.page !== 1) params.setPage(1);
              void refresh();
            }}
          />
        </>
      )}
    </section>
  );
}

function ContactsTable({
  page,
  busyId,
  onComplete,
}: {
  page: ContactPage;
  busyId: string | null;
  onComplete: (contact: Contact) => void;
}) {
  const { t } = useTranslation('pupilRecords');
  const format = useFormatters();
  const isOpen = (contact: Contact) => Boolean(contact.followUp) && !contact.followUpDoneAt;
  const hasOpen = page.items.some(isOpen);
  const columns: Column<Contact>[] = [
    {
      key: 'date',
      header: t('pupilRecords.contacts.date'),
      rowHeader: true,
      nowrap: true,
      width: '9rem',
      cell: (contact) => format.date(contact.contactOn),
    },
    {
      key: 'followUpState',
      header: t('pupilRecords.contacts.followUpState'),
      keepWithTitle: true,
      nowrap: true,
      cell: (contact) =>
        contact.followUp ? (
          <span
            className={
              isOpen(contact) ? 'passend-status passend-status--todo' : 'passend-status passend-status--ok'
            }
          >
            {t(isOpen(contact) ? 'pupilRecords.contacts.followUpOpen' : 'pupilRecords.contacts.followUpDone')}
          </span>
        ) : (
          t('pupilRecords.contacts.noFollowUp')
        ),
    },
    {
      key: 'with',
      header: t('pupilRecords.contacts.with'),
      cell: (contact) =>
        `${t(`pupilRecords.parties.${contact.party}`)}${contact.partyName ? ` (${contact.partyName})` : ''}`,
    },
    {
      key: 'how',
      header: t('pupilRecords.contacts.how'),
      cell: (contact) => t(`pupilRecords.channels.${contact.channel}`),
    },
    {
      key: 'summary',
      header: t('pupilRecords.contacts.summary'),
      width: '30%',
      cell: (contact) => contact.summary,
    },
    {
      key: 'followUp',
      header: t('pupilRecords.contacts.followUp'),
      cell: (contact) =>
        contact.followUp
          ? `${contact.followUp}${
              contact.followUpOwner
                ? ` — ${t('pupilRecords.contacts.followUpBy', { name: contact.followUpOwner.name })}`
                : ''
            }`
          : t('pupilRecords.common.none'),
    },
    ...(hasOpen
      ? [
          {
            key: 'command',
            header: t('pupilRecords.contacts.command'),
            cell: (contact: Contact) =>
              isOpen(contact) && (
                <SecondaryActionButton
                  type="button"
                  busy={busyId === contact.id}
                  onClick={() => onComplete(contact)}
                >
                  {t('pupilRecords.contacts.markDone')}
                  <span className="passend-visually-hidden">: {contact.followUp}</span>
                </SecondaryActionButton>
              ),
          },
        ]
      : []),
  ];
  return (
    <DataTable
      caption={t('pupilRecords.contacts.caption')}
      columns={columns}
      rows={page.items}
      rowKey={(contact) => contact.id}
      empty={t('pupilRecords.contacts.empty')}
    />
  );
}

function AddContact({
  trajectoryId,
  owners,
  onAdded,
}: {
  trajectoryId: string;
  owners: ContactPage['followUpOwners'];
  onAdded: () => void;
}) {
  const { t } = useTranslation('pupilRecords');
  const headingId = useId();
  const empty = () => ({
    contactOn: todayInAmsterdam(),
    party: '',
    partyName: '',
    channel: '',
    summary: '',
    followUp: '',
    followUpOwnerUserId: '',
  });
  const form = useContractForm({
    schema: contactInputSchema,
    initial: empty,
    toInput: (values) => ({
      ...values,
      contactOn: values.contactOn || undefined,
      party: values.party || undefined,
      channel: values.channel || undefined,
      followUp: values.followUp.trim() || null,
      followUpOwnerUserId: values.followUpOwnerUserId || null,
    }),
    namespace: 'pupilRecords',
    send: (input) => api.post(`/api/trajectories/${trajectoryId}/contacts`, input, contactSchema),
    successNotice: t('pupilRecords.contacts.added'),
    onSuccess: () => {
      form.reset(empty());
      onAdded();
    },
  });
  const optional = (label: string) => `${label} ${t('pupilRecords.common.optional')}`;

  return (
    <>
      <Heading level={3} id={headingId}>
        {t('pupilRecords.contacts.addHeading')}
      </Heading>
      <ContractForm form={form} aria-labelledby={headingId}>
        <TextField
          type="date"
          label={t('pupilRecords.contacts.contactOn')}
          {...form.field('contactOn')}
          // Not in the future: a rule of today, not of the contract.
          max={todayInAmsterdam()}
        />
        <SelectField
          label={t('pupilRecords.contacts.party')}
          placeholder={t('pupilRecords.contacts.partyPlaceholder')}
          choices={contactParties.map((party) => ({
            value: party,
            label: t(`pupilRecords.parties.${party}`),
          }))}
          {...form.field('party', 'choice')}
        />
        <TextField
          label={optional(t('pupilRecords.contacts.partyName'))}
          description={t('pupilRecords.contacts.partyNameHint')}
          {...form.field('partyName')}
        />
        <SelectField
          label={t('pupilRecords.contacts.channel')}
          placeholder={t('pupilRecords.contacts.channelPlaceholder')}
          choices={contactChannels.map((channel) => ({
            value: channel,
            label: t(`pupilRecords.channels.${channel}`),
          }))}
          {...form.field('channel', 'choice')}
        />
        <TextAreaField label={t('pupilRecords.contacts.summary')} {...form.field('summary')} />
        <TextAreaField
          label={optional(t('pupilRecords.contacts.followUpText'))}
          description={t('pupilRecords.contacts.followUpHint')}
          rows={2}
          {...form.field('followUp')}
        />
        <SelectField
          label={t('pupilRecords.contacts.owner')}
          description={t('pupilRecords.contacts.ownerHint')}
          placeholder={t('pupilRecords.contacts.ownerPlaceholder')}
          choices={owners.map((owner) => ({ value: owner.id, label: owner.name }))}
          {...form.field('followUpOwnerUserId', 'choice')}
        />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={form.pending}>
            {t('pupilRecords.contacts.submit')}
          </PrimaryActionButton>
        </ButtonGroup>
      </ContractForm>
    </>
  );
}
