import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ButtonGroup,
  FormFieldTextarea,
  Heading,
  Paragraph,
  PrimaryActionButton,
  SecondaryActionButton,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
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
import { api, apiRequest, withQuery } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { type FormErrors, formErrorsFrom, noFormErrors, validate } from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Form } from '../../ui/Form.tsx';
import { Pagination } from '../../ui/Pagination.tsx';
import { ScrollTable } from '../../ui/ScrollTable.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import type { TrajectorySectionProps } from '../trajectories/sections.tsx';
import { errorsOf, messageOf } from './shared.tsx';

const pageSize = 10;

/**
 * The contacts log on the trajectory page (E5): with parents, teachers, mentor, team leader and care
 * coordinator — date, with whom, how, summary — and follow-ups with their owner, marked done here.
 */
export function ContactsSection({ trajectoryId }: TrajectorySectionProps) {
  const { t } = useTranslation('pupilRecords');
  const headingId = useId();
  const sectionRef = useRef<HTMLElement>(null);
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const [done, setDone] = useState<string | null>(null);
  const queryKey = ['pupil-records', 'contacts', trajectoryId];
  const contacts = useQuery({
    queryKey: [...queryKey, page],
    queryFn: ({ signal }) =>
      api.get(
        withQuery(`/api/trajectories/${trajectoryId}/contacts`, { page, pageSize }),
        contactPageSchema,
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  const complete = useMutation({
    mutationFn: (contact: Contact) =>
      apiRequest('POST', `/api/trajectory-contacts/${contact.id}/follow-up-done`, { schema: contactSchema }),
    onSuccess: () => {
      setDone(t('pupilRecords.contacts.markedDone'));
      void queryClient.invalidateQueries({ queryKey });
      // The button is gone with the open state: keep the keyboard user in this section.
      sectionRef.current?.focus();
    },
  });
  const data = contacts.data;

  return (
    <section ref={sectionRef} tabIndex={-1} aria-labelledby={headingId} className="passend-section">
      <Heading level={2} id={headingId}>
        {t('pupilRecords.contacts.heading')}
      </Heading>
      <Paragraph>{t('pupilRecords.contacts.intro')}</Paragraph>
      {done && <Paragraph role="status">{done}</Paragraph>}
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
          <Pagination page={data.page} pageSize={data.pageSize} total={data.total} onPageChange={setPage} />
          <AddContact
            trajectoryId={trajectoryId}
            owners={data.followUpOwners}
            onAdded={() => {
              setDone(t('pupilRecords.contacts.added'));
              setPage(1);
              void queryClient.invalidateQueries({ queryKey });
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
  const hasOpen = page.items.some((contact) => contact.followUp && !contact.followUpDoneAt);
  return (
    <ScrollTable caption={t('pupilRecords.contacts.caption')}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{t('pupilRecords.contacts.date')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('pupilRecords.contacts.with')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('pupilRecords.contacts.how')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('pupilRecords.contacts.summary')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('pupilRecords.contacts.followUp')}</TableHeaderCell>
          {hasOpen && <TableHeaderCell scope="col">{t('pupilRecords.contacts.command')}</TableHeaderCell>}
        </TableRow>
      </TableHeader>
      <TableBody>
        {page.items.map((contact) => {
          const open = Boolean(contact.followUp) && !contact.followUpDoneAt;
          return (
            <TableRow key={contact.id}>
              <TableHeaderCell scope="row">{format.date(contact.contactOn)}</TableHeaderCell>
              <TableCell>
                {t(`pupilRecords.parties.${contact.party}`)}
                {contact.partyName && ` (${contact.partyName})`}
              </TableCell>
              <TableCell>{t(`pupilRecords.channels.${contact.channel}`)}</TableCell>
              <TableCell>{contact.summary}</TableCell>
              <TableCell>
                {contact.followUp ? (
                  <>
                    {contact.followUp}
                    {contact.followUpOwner &&
                      ` — ${t('pupilRecords.contacts.followUpBy', { name: contact.followUpOwner.name })}`}{' '}
                    <span
                      className={
                        open ? 'passend-status passend-status--todo' : 'passend-status passend-status--ok'
                      }
                    >
                      {t(open ? 'pupilRecords.contacts.followUpOpen' : 'pupilRecords.contacts.followUpDone')}
                    </span>
                  </>
                ) : (
                  t('pupilRecords.common.none')
                )}
              </TableCell>
              {hasOpen && (
                <TableCell>
                  {open && (
                    <SecondaryActionButton
                      type="button"
                      busy={busyId === contact.id}
                      onClick={() => onComplete(contact)}
                    >
                      {t('pupilRecords.contacts.markDone')}
                      <span className="passend-visually-hidden">: {contact.followUp}</span>
                    </SecondaryActionButton>
                  )}
                </TableCell>
              )}
            </TableRow>
          );
        })}
      </TableBody>
    </ScrollTable>
  );
}

const emptyForm = {
  contactOn: '',
  party: '',
  partyName: '',
  channel: '',
  summary: '',
  followUp: '',
  followUpOwnerUserId: '',
};

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
  const [form, setForm] = useState(() => ({ ...emptyForm, contactOn: todayInAmsterdam() }));
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const add = useMutation({
    mutationFn: async () => {
      const checked = validate(contactInputSchema, {
        ...form,
        contactOn: form.contactOn || undefined,
        party: form.party || undefined,
        channel: form.channel || undefined,
        followUp: form.followUp.trim() || null,
        followUpOwnerUserId: form.followUpOwnerUserId || null,
      });
      if (!checked.ok) throw checked.errors;
      return api.post(`/api/trajectories/${trajectoryId}/contacts`, checked.value, contactSchema);
    },
    onSuccess: () => {
      setErrors(noFormErrors);
      setForm({ ...emptyForm, contactOn: todayInAmsterdam() });
      onAdded();
    },
    onError: (error) => setErrors(errorsOf(error)),
  });
  const message = messageOf(errors);
  const set = (key: keyof typeof emptyForm) => (value: string) =>
    setForm((current) => ({ ...current, [key]: value }));

  return (
    <>
      <Heading level={3} id={headingId}>
        {t('pupilRecords.contacts.addHeading')}
      </Heading>
      <Form
        aria-labelledby={headingId}
        errors={errors}
        fields={Object.keys(emptyForm)}
        onSubmit={() => add.mutate()}
      >
        <TextField
          name="contactOn"
          type="date"
          label={t('pupilRecords.contacts.contactOn')}
          max={todayInAmsterdam()}
          value={form.contactOn}
          onChange={set('contactOn')}
          error={message('contactOn')}
        />
        <SelectField
          name="party"
          label={t('pupilRecords.contacts.party')}
          placeholder={t('pupilRecords.contacts.partyPlaceholder')}
          value={form.party}
          onChange={set('party')}
          choices={contactParties.map((party) => ({
            value: party,
            label: t(`pupilRecords.parties.${party}`),
          }))}
          error={message('party')}
        />
        <TextField
          name="partyName"
          label={`${t('pupilRecords.contacts.partyName')} ${t('pupilRecords.common.optional')}`}
          description={t('pupilRecords.contacts.partyNameHint')}
          required={false}
          maxLength={200}
          value={form.partyName}
          onChange={set('partyName')}
          error={message('partyName')}
        />
        <SelectField
          name="channel"
          label={t('pupilRecords.contacts.channel')}
          placeholder={t('pupilRecords.contacts.channelPlaceholder')}
          value={form.channel}
          onChange={set('channel')}
          choices={contactChannels.map((channel) => ({
            value: channel,
            label: t(`pupilRecords.channels.${channel}`),
          }))}
          error={message('channel')}
        />
        <FormFieldTextarea
          name="summary"
          label={t('pupilRecords.contacts.summary')}
          rows={4}
          maxLength={5000}
          required
          value={form.summary}
          onChange={(event) => set('summary')(event.target.value)}
          invalid={Boolean(message('summary'))}
          errorMessage={message('summary')}
        />
        <FormFieldTextarea
          name="followUp"
          label={`${t('pupilRecords.contacts.followUpText')} ${t('pupilRecords.common.optional')}`}
          description={t('pupilRecords.contacts.followUpHint')}
          rows={2}
          maxLength={2000}
          value={form.followUp}
          onChange={(event) => set('followUp')(event.target.value)}
          invalid={Boolean(message('followUp'))}
          errorMessage={message('followUp')}
        />
        <SelectField
          name="followUpOwnerUserId"
          label={t('pupilRecords.contacts.owner')}
          description={t('pupilRecords.contacts.ownerHint')}
          placeholder={t('pupilRecords.contacts.ownerPlaceholder')}
          required={false}
          value={form.followUpOwnerUserId}
          onChange={set('followUpOwnerUserId')}
          choices={owners.map((owner) => ({ value: owner.id, label: owner.name }))}
          error={message('followUpOwnerUserId')}
        />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={add.isPending}>
            {t('pupilRecords.contacts.submit')}
          </PrimaryActionButton>
        </ButtonGroup>
      </Form>
    </>
  );
}
