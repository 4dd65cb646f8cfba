import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  ButtonGroup,
  Heading2,
  Paragraph,
  PrimaryActionButton,
} from '@utrecht/component-library-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { z } from 'zod';
import { schoolYearOf, todayInAmsterdam } from '../../../../contracts/school-year.ts';
import {
  type Absence,
  absenceInputSchema,
  absenceSchema,
  type ContractedHours,
  contractedHoursInputSchema,
  type PublicProfile,
  publicProfileInputSchema,
  publicProfileSchema,
  type TeamMemberDetail,
  type TeamMemberStatus,
  teamMemberDetailSchema,
  updateTeamMemberInputSchema,
} from '../../../../contracts/team.ts';
import { api } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { hasPermission, useSignedInSession } from '../../app/session.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { ContractForm } from '../../ui/Form.tsx';
import { CheckboxGroupField } from '../../ui/form/CheckboxGroupField.tsx';
import { CheckboxField } from '../../ui/form/ChoiceFields.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { type Column, DataTable } from '../../ui/table/DataTable.tsx';
import { useRowButtons } from '../../ui/table/row-buttons.ts';
import { AccountDialog, accountChangedMessage } from '../admin/AccountDialog.tsx';
import { PhotoSection } from './PhotoSection.tsx';
import { formatHours, put, remove, schoolYearLabel, teamKeys, useExpertiseTags } from './team.api.ts';
import './team.css';

/** `/team/:userId`: one member's profile: status, expertise, hours, absences, public-page choices. */
export function TeamMemberPage() {
  const { t } = useTranslation('team');
  const { userId = '' } = useParams();
  const session = useSignedInSession();
  const canManage = hasPermission(session, 'team.manage');
  const canEndAccount = hasPermission(session, 'team.deactivate') && session.user.id !== userId;
  // The member chooses what the public page shows; the staff office may set it for them, in other words.
  const isOwn = session.user.id === userId;
  const canChoosePublic = canManage || isOwn;
  const member = useQuery({
    queryKey: teamKeys.member(userId),
    queryFn: ({ signal }) => api.get(`/api/team/${userId}`, teamMemberDetailSchema, signal),
  });
  if (!member.data) {
    return (
      <>
        <PageHeading placeholder>{t('member.titleLoading')}</PageHeading>
        {member.isError ? (
          <ErrorAlert errors={formErrorsFrom(member.error)} />
        ) : (
          <Paragraph role="status">{t('common.loading')}</Paragraph>
        )}
      </>
    );
  }
  const data = member.data;
  return (
    <>
      <PageHeading>{data.name}</PageHeading>
      <Paragraph>
        <RouterLink to="/team">{t('member.back')}</RouterLink>
      </Paragraph>
      <Paragraph>
        {t('member.summary', {
          teamRole: t(`teamRoles.${data.teamRole}`),
          status: t(`memberStatus.${data.status}`),
        })}
      </Paragraph>
      <SchoolsSection member={data} />
      {canManage && <ProfileSection member={data} />}
      {canEndAccount && <AccountSection member={data} />}
      <HoursSection member={data} canManage={canManage} />
      <AbsencesSection member={data} canManage={canManage} />
      {canChoosePublic && <PhotoSection member={data} isOwn={isOwn} />}
      {canChoosePublic && (
        <PublicProfileSection
          userId={data.userId}
          name={data.name}
          isOwn={isOwn}
          profile={data.publicProfile}
        />
      )}
    </>
  );
}

function useRefreshMember(userId: string) {
  const queryClient = useQueryClient();
  return async (detail?: TeamMemberDetail) => {
    if (detail) queryClient.setQueryData(teamKeys.member(userId), detail);
    await queryClient.invalidateQueries({ queryKey: teamKeys.all });
  };
}

/** P7: the account behind the profile; the staff office ends or reopens it when it holds team roles only. */
function AccountSection({ member }: { member: TeamMemberDetail }) {
  const { t } = useTranslation('team');
  const { t: tCore } = useTranslation();
  const headingId = useId();
  const refresh = useRefreshMember(member.userId);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const mode = member.accountStatus === 'disabled' ? 'reactivate' : 'deactivate';
  const close = () => {
    setOpen(false);
    requestAnimationFrame(() => buttonRef.current?.focus());
  };
  return (
    <section className="passend-section" aria-labelledby={headingId}>
      <Heading2 id={headingId}>{t('member.accountHeading')}</Heading2>
      {message && (
        <Alert type="ok" role="status">
          {message}
        </Alert>
      )}
      <Paragraph>
        {t('member.accountStatus', { status: tCore(`userStatus.${member.accountStatus}`) })}
      </Paragraph>
      {member.onlyTeamRoles ? (
        <ButtonGroup>
          <Button
            ref={buttonRef}
            appearance="secondary-action-button"
            type="button"
            aria-haspopup="dialog"
            onClick={() => {
              setMessage(null);
              setOpen(true);
            }}
          >
            {tCore(mode === 'deactivate' ? 'accountEnd.deactivate' : 'accountEnd.reactivate')}
          </Button>
        </ButtonGroup>
      ) : (
        <Paragraph>{t('member.accountOtherRoles', { name: member.name })}</Paragraph>
      )}
      {open && (
        <AccountDialog
          user={{ id: member.userId, name: member.name }}
          mode={mode}
          basePath="/api/team"
          onDone={async (changed) => {
            setMessage(accountChangedMessage(tCore, member.name, changed.status));
            await refresh();
            close();
          }}
          onCancel={close}
        />
      )}
    </section>
  );
}

function SchoolsSection({ member }: { member: TeamMemberDetail }) {
  const { t } = useTranslation('team');
  const headingId = useId();
  return (
    <section className="passend-section" aria-labelledby={headingId}>
      <Heading2 id={headingId}>{t('member.schoolsHeading')}</Heading2>
      {member.schools.length === 0 ? (
        <Paragraph>{t('member.noSchools')}</Paragraph>
      ) : (
        <ul className="passend-team-list">
          {member.schools.map((school) => (
            <li key={school.locationId}>
              {school.name} {school.isContact ? t('teamList.contactMark') : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ProfileSection({ member }: { member: TeamMemberDetail }) {
  const { t } = useTranslation('team');
  const { date } = useFormatters();
  const headingId = useId();
  const tags = useExpertiseTags();
  const refresh = useRefreshMember(member.userId);
  const form = useContractForm({
    schema: updateTeamMemberInputSchema,
    initial: {
      status: member.status as TeamMemberStatus,
      leftOn: member.leftOn ?? '',
      tagIds: member.tags.map((tag) => tag.id),
    },
    namespace: 'team',
    toInput: (values) => ({
      status: values.status,
      leftOn: values.status === 'left' ? values.leftOn || null : null,
      tagIds: values.tagIds,
    }),
    send: (input) => api.patch(`/api/team/${member.userId}`, input, teamMemberDetailSchema),
    // Marking a member as left may end their account (P7): asked first.
    confirm: (input) =>
      input.status === 'left' && member.status !== 'left'
        ? {
            title: t('member.leftConfirmTitle', { name: member.name }),
            body: t('member.leftConfirmBody', {
              name: member.name,
              date: date(input.leftOn ?? todayInAmsterdam()),
            }),
            confirmLabel: t('member.leftConfirm'),
            danger: true,
          }
        : null,
    successNotice: t('common.saved'),
    onSuccess: (detail) => refresh(detail),
  });
  const status = form.field('status', 'choice');
  return (
    <section className="passend-section passend-card" aria-labelledby={headingId}>
      <Heading2 id={headingId}>{t('member.profileHeading')}</Heading2>
      <ContractForm form={form} aria-labelledby={headingId}>
        <SelectField
          label={t('member.status')}
          placeholder={t('memberStatus.active')}
          choices={[{ value: 'left', label: t('memberStatus.left') }]}
          {...status}
          // "Active" is the empty first option: a member is active unless marked as left.
          required={false}
          value={status.value === 'left' ? 'left' : ''}
          onChange={(value) => form.set('status', value === 'left' ? 'left' : 'active')}
        />
        {form.values.status === 'left' && (
          <TextField
            type="date"
            label={t('member.leftOnLabel')}
            description={t('member.leftOnDescription')}
            {...form.field('leftOn')}
          />
        )}
        {tags.data?.items.length === 0 ? (
          <Paragraph>{t('member.noTags')}</Paragraph>
        ) : (
          <CheckboxGroupField
            name="tagIds"
            legend={t('member.tagsLegend')}
            value={form.values.tagIds}
            onChange={(tagIds) => form.set('tagIds', tagIds)}
            choices={(tags.data?.items ?? []).map((tag) => ({ value: tag.id, label: tag.name }))}
            error={form.message('tagIds')}
          />
        )}
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={form.pending}>
            {t('common.save')}
          </PrimaryActionButton>
        </ButtonGroup>
      </ContractForm>
    </section>
  );
}

/** The hours of one school year: the year goes in the address, the hours in the body. */
const hoursFormSchema = contractedHoursInputSchema.extend({ schoolYear: z.number().int() });

function HoursSection({ member, canManage }: { member: TeamMemberDetail; canManage: boolean }) {
  const { t, i18n } = useTranslation('team');
  const headingId = useId();
  const refresh = useRefreshMember(member.userId);
  const currentYear = schoolYearOf(todayInAmsterdam());
  const years = [currentYear - 1, currentYear, currentYear + 1];
  const form = useContractForm({
    schema: hoursFormSchema,
    initial: { schoolYear: String(currentYear), contractedHours: '' },
    namespace: 'team',
    // A comma or a point: "800,25" and "800.25" are the same hours.
    toInput: (values) => ({
      schoolYear: Number(values.schoolYear),
      contractedHours:
        values.contractedHours.trim() === '' ? undefined : Number(values.contractedHours.replace(',', '.')),
    }),
    send: ({ schoolYear, contractedHours }) =>
      put(`/api/team/${member.userId}/hours/${schoolYear}`, { contractedHours }),
    successNotice: (): string =>
      t('member.hoursSaved', { year: schoolYearLabel(Number(form.values.schoolYear)) }),
    onSuccess: async () => {
      form.set('contractedHours', '');
      await refresh();
    },
  });
  const schoolYear = form.field('schoolYear', 'choice');
  return (
    <section className="passend-section" aria-labelledby={headingId}>
      <Heading2 id={headingId}>{t('member.hoursHeading')}</Heading2>
      <DataTable
        caption={t('member.hoursCaption')}
        columns={[
          {
            key: 'year',
            header: t('common.schoolYear'),
            cell: (entry: ContractedHours) => schoolYearLabel(entry.schoolYear),
            rowHeader: true,
            nowrap: true,
          },
          {
            key: 'hours',
            header: t('member.hoursLabel'),
            cell: (entry: ContractedHours) =>
              t('common.hours', { hours: formatHours(entry.contractedHours, i18n.language) }),
            numeric: true,
            keepWithTitle: true,
          },
        ]}
        rows={member.hours}
        rowKey={(entry) => String(entry.schoolYear)}
        empty={t('common.noHours')}
      />
      {canManage && (
        <ContractForm form={form} className="passend-toolbar">
          <SelectField
            label={t('common.schoolYear')}
            placeholder={schoolYearLabel(currentYear)}
            choices={years
              .filter((option) => option !== currentYear)
              .map((option) => ({ value: String(option), label: schoolYearLabel(option) }))}
            {...schoolYear}
            // The empty first option is this school year.
            required={false}
            value={schoolYear.value === String(currentYear) ? '' : schoolYear.value}
            onChange={(value) => form.set('schoolYear', value || String(currentYear))}
          />
          <TextField
            inputMode="decimal"
            label={t('member.hoursLabel')}
            description={t('member.hoursDescription')}
            {...form.field('contractedHours')}
          />
          <ButtonGroup>
            <PrimaryActionButton type="submit" busy={form.pending}>
              {t('member.hoursSave')}
            </PrimaryActionButton>
          </ButtonGroup>
        </ContractForm>
      )}
    </section>
  );
}

function AbsencesSection({ member, canManage }: { member: TeamMemberDetail; canManage: boolean }) {
  const { t } = useTranslation('team');
  const { date } = useFormatters();
  const headingId = useId();
  const refresh = useRefreshMember(member.userId);
  const [removing, setRemoving] = useState<Absence | null>(null);
  // One notice for the section: what was added or removed last, never both at once.
  const [notice, setNotice] = useState<string | null>(null);
  const removeButtons = useRowButtons<string>();
  const period = (absence: Absence) => ({ from: date(absence.startsOn), to: date(absence.endsOn) });
  const form = useContractForm({
    schema: absenceInputSchema,
    initial: { startsOn: '', endsOn: '' },
    namespace: 'team',
    send: (input) => api.post(`/api/team/${member.userId}/absences`, input, absenceSchema),
    onSuccess: async (absence) => {
      setNotice(t('member.absenceAdded', period(absence)));
      form.reset();
      await refresh();
    },
  });
  const drop = useMutation({
    mutationFn: (absence: Absence) => remove(`/api/team/${member.userId}/absences/${absence.id}`),
    onSuccess: async (_result, absence) => {
      setRemoving(null);
      setNotice(t('member.absenceRemoved', period(absence)));
      await refresh();
    },
  });
  const columns: Column<Absence>[] = [
    {
      key: 'from',
      header: t('member.absenceFrom'),
      cell: (absence) => date(absence.startsOn),
      rowHeader: true,
      nowrap: true,
    },
    { key: 'to', header: t('member.absenceTo'), cell: (absence) => date(absence.endsOn), nowrap: true },
    ...(canManage
      ? [
          {
            key: 'remove',
            header: t('common.remove'),
            cell: (absence: Absence) => (
              <Button
                ref={removeButtons.refFor(absence.id)}
                type="button"
                appearance="subtle-button"
                aria-haspopup="dialog"
                onClick={() => {
                  drop.reset();
                  setNotice(null);
                  setRemoving(absence);
                }}
              >
                {t('member.absenceRemove', period(absence))}
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <section className="passend-section" aria-labelledby={headingId}>
      <Heading2 id={headingId}>{t('member.absencesHeading')}</Heading2>
      {notice && (
        <Alert type="ok" role="status">
          {notice}
        </Alert>
      )}
      <DataTable
        caption={t('member.absencesCaption')}
        columns={columns}
        rows={member.absences}
        rowKey={(absence) => absence.id}
        empty={t('member.noAbsences')}
      />
      {removing && (
        <ConfirmDialog
          title={t('member.absenceRemoveTitle', period(removing))}
          confirmLabel={t('common.remove')}
          cancelLabel={t('common.cancel')}
          danger
          busy={drop.isPending}
          onConfirm={() => drop.mutate(removing)}
          onCancel={() => {
            setRemoving(null);
            removeButtons.focus(removing.id);
          }}
        >
          {drop.error && <ErrorAlert errors={formErrorsFrom(drop.error)} />}
          <Paragraph>{t('member.absenceRemoveBody', { name: member.name })}</Paragraph>
        </ConfirmDialog>
      )}
      {canManage && (
        <ContractForm form={form} className="passend-toolbar">
          <TextField type="date" label={t('member.absenceFrom')} {...form.field('startsOn')} />
          <TextField type="date" label={t('member.absenceTo')} {...form.field('endsOn')} />
          <ButtonGroup>
            <PrimaryActionButton type="submit" busy={form.pending}>
              {t('member.absenceAdd')}
            </PrimaryActionButton>
          </ButtonGroup>
        </ContractForm>
      )}
    </section>
  );
}

function PublicProfileSection({
  userId,
  name,
  isOwn,
  profile,
}: {
  userId: string;
  name: string;
  isOwn: boolean;
  profile: PublicProfile;
}) {
  const { t } = useTranslation('team');
  const headingId = useId();
  const refresh = useRefreshMember(userId);
  const form = useContractForm({
    schema: publicProfileInputSchema,
    initial: { showExpertise: profile.showExpertise, showSchools: profile.showSchools },
    namespace: 'team',
    // The photo choice is saved in the photo section.
    send: (input) => api.patch(`/api/team/${userId}/public-profile`, input, publicProfileSchema),
    successNotice: t('common.saved'),
    onSuccess: () => refresh(),
  });
  const { showExpertise, showSchools } = profile;
  // The choices may change elsewhere (the photo section saves the same profile); `reset` is a new
  // function each render, so only the stored values decide.
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the stored values only.
  useEffect(() => form.reset({ showExpertise, showSchools }), [showExpertise, showSchools]);
  const keys = ['showExpertise', 'showSchools'] as const;
  return (
    <section className="passend-section passend-card" aria-labelledby={headingId}>
      <Heading2 id={headingId}>{t('member.publicHeading')}</Heading2>
      <Paragraph>{t(isOwn ? 'member.publicIntroOwn' : 'member.publicIntro')}</Paragraph>
      <ContractForm form={form} aria-labelledby={headingId}>
        {keys.map((key) => (
          <CheckboxField
            key={key}
            label={isOwn ? t(`member.${key}`) : t(`member.${key}Other`, { name })}
            {...form.checkbox(key)}
          />
        ))}
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={form.pending}>
            {t('member.publicSave')}
          </PrimaryActionButton>
        </ButtonGroup>
      </ContractForm>
    </section>
  );
}
