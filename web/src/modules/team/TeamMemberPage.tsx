import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  FormFieldCheckbox,
  Heading2,
  Paragraph,
  PrimaryActionButton,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { schoolYearOf, todayInAmsterdam } from '../../../../contracts/school-year.ts';
import {
  absenceInputSchema,
  contractedHoursInputSchema,
  type PublicProfile,
  publicProfileSchema,
  type TeamMemberDetail,
  type TeamMemberStatus,
  teamMemberDetailSchema,
} from '../../../../contracts/team.ts';
import { api } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { type FormErrors, formErrorsFrom, noFormErrors, validate } from '../../app/forms.ts';
import { hasPermission, useSignedInSession } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Form } from '../../ui/Form.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { AccountDialog, accountChangedMessage } from '../admin/AccountDialog.tsx';
import { PhotoSection } from './PhotoSection.tsx';
import { formatHours, put, remove, schoolYearLabel, teamMessageFor, useExpertiseTags } from './team.api.ts';
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
    queryKey: ['team', 'member', userId],
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
    if (detail) queryClient.setQueryData(['team', 'member', userId], detail);
    await queryClient.invalidateQueries({ queryKey: ['team'] });
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
  const headingId = useId();
  const tags = useExpertiseTags();
  const refresh = useRefreshMember(member.userId);
  const [status, setStatus] = useState<TeamMemberStatus>(member.status);
  const [leftOn, setLeftOn] = useState(member.leftOn ?? '');
  const [tagIds, setTagIds] = useState<string[]>(member.tags.map((tag) => tag.id));
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      api.patch(
        `/api/team/${member.userId}`,
        { status, leftOn: status === 'left' ? leftOn || null : null, tagIds },
        teamMemberDetailSchema,
      ),
    onSuccess: async (detail) => {
      setErrors(noFormErrors);
      setSaved(true);
      await refresh(detail);
    },
    onError: (error) => {
      setSaved(false);
      setErrors(formErrorsFrom(error));
    },
  });
  return (
    <section className="passend-section passend-card" aria-labelledby={headingId}>
      <Heading2 id={headingId}>{t('member.profileHeading')}</Heading2>
      {saved && (
        <Alert type="ok" role="status">
          {t('common.saved')}
        </Alert>
      )}
      <Form
        errors={errors}
        fields={['status', 'leftOn']}
        onSubmit={() => save.mutate()}
        aria-labelledby={headingId}
      >
        <SelectField
          name="status"
          label={t('member.status')}
          placeholder={t('memberStatus.active')}
          value={status === 'active' ? '' : status}
          onChange={(value) => setStatus(value === 'left' ? 'left' : 'active')}
          choices={[{ value: 'left', label: t('memberStatus.left') }]}
          error={teamMessageFor(errors, 'status')}
        />
        {status === 'left' && (
          <TextField
            name="leftOn"
            type="date"
            required={false}
            label={t('member.leftOnLabel')}
            description={t('member.leftOnDescription')}
            value={leftOn}
            onChange={setLeftOn}
            error={teamMessageFor(errors, 'leftOn')}
          />
        )}
        <Fieldset>
          <FieldsetLegend>{t('member.tagsLegend')}</FieldsetLegend>
          {tags.data?.items.length === 0 && <Paragraph>{t('member.noTags')}</Paragraph>}
          <ul className="passend-checkbox-list">
            {(tags.data?.items ?? []).map((tag) => (
              <li key={tag.id}>
                <FormFieldCheckbox
                  name={`tag-${tag.id}`}
                  label={tag.name}
                  checked={tagIds.includes(tag.id)}
                  onChange={(event) =>
                    setTagIds((current) =>
                      event.target.checked ? [...current, tag.id] : current.filter((id) => id !== tag.id),
                    )
                  }
                />
              </li>
            ))}
          </ul>
        </Fieldset>
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={save.isPending}>
            {t('common.save')}
          </PrimaryActionButton>
        </ButtonGroup>
      </Form>
    </section>
  );
}

function HoursSection({ member, canManage }: { member: TeamMemberDetail; canManage: boolean }) {
  const { t, i18n } = useTranslation('team');
  const headingId = useId();
  const refresh = useRefreshMember(member.userId);
  const currentYear = schoolYearOf(todayInAmsterdam());
  const [year, setYear] = useState(String(currentYear));
  const [hours, setHours] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const save = useMutation({
    mutationFn: (input: { contractedHours: number }) =>
      put(`/api/team/${member.userId}/hours/${year}`, input),
    onSuccess: async () => {
      setErrors(noFormErrors);
      setHours('');
      await refresh();
    },
    onError: (error) => setErrors(formErrorsFrom(error)),
  });
  const years = [currentYear - 1, currentYear, currentYear + 1];
  return (
    <section className="passend-section" aria-labelledby={headingId}>
      <Heading2 id={headingId}>{t('member.hoursHeading')}</Heading2>
      {member.hours.length === 0 ? (
        <Paragraph>{t('common.noHours')}</Paragraph>
      ) : (
        <Table>
          <TableCaption>{t('member.hoursCaption')}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('common.schoolYear')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('member.hoursLabel')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {member.hours.map((entry) => (
              <TableRow key={entry.schoolYear}>
                <TableHeaderCell scope="row">{schoolYearLabel(entry.schoolYear)}</TableHeaderCell>
                <TableCell>
                  {t('common.hours', { hours: formatHours(entry.contractedHours, i18n.language) })}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {canManage && (
        <Form
          errors={errors}
          fields={['contractedHours']}
          className="passend-toolbar"
          onSubmit={() => {
            const parsed = hours.trim() === '' ? undefined : Number(hours.replace(',', '.'));
            const result = validate(contractedHoursInputSchema, { contractedHours: parsed });
            if (!result.ok) return setErrors(result.errors);
            save.mutate(result.value);
          }}
        >
          <SelectField
            name="schoolYear"
            label={t('common.schoolYear')}
            placeholder={schoolYearLabel(currentYear)}
            value={year === String(currentYear) ? '' : year}
            onChange={(value) => setYear(value || String(currentYear))}
            choices={years
              .filter((option) => option !== currentYear)
              .map((option) => ({ value: String(option), label: schoolYearLabel(option) }))}
          />
          <TextField
            name="contractedHours"
            inputMode="decimal"
            label={t('member.hoursLabel')}
            description={t('member.hoursDescription')}
            value={hours}
            onChange={setHours}
            error={teamMessageFor(errors, 'contractedHours')}
          />
          <ButtonGroup>
            <PrimaryActionButton type="submit" busy={save.isPending}>
              {t('member.hoursSave')}
            </PrimaryActionButton>
          </ButtonGroup>
        </Form>
      )}
    </section>
  );
}

function AbsencesSection({ member, canManage }: { member: TeamMemberDetail; canManage: boolean }) {
  const { t } = useTranslation('team');
  const { date } = useFormatters();
  const headingId = useId();
  const refresh = useRefreshMember(member.userId);
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const add = useMutation({
    mutationFn: (input: { startsOn: string; endsOn: string }) =>
      api.post(`/api/team/${member.userId}/absences`, input),
    onSuccess: async () => {
      setErrors(noFormErrors);
      setStartsOn('');
      setEndsOn('');
      await refresh();
    },
    onError: (error) => setErrors(formErrorsFrom(error)),
  });
  const drop = useMutation({
    mutationFn: (absenceId: string) => remove(`/api/team/${member.userId}/absences/${absenceId}`),
    onSuccess: () => refresh(),
  });
  return (
    <section className="passend-section" aria-labelledby={headingId}>
      <Heading2 id={headingId}>{t('member.absencesHeading')}</Heading2>
      {member.absences.length === 0 ? (
        <Paragraph>{t('member.noAbsences')}</Paragraph>
      ) : (
        <Table>
          <TableCaption>{t('member.absencesCaption')}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('member.absenceFrom')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('member.absenceTo')}</TableHeaderCell>
              {canManage && <TableHeaderCell scope="col">{t('common.remove')}</TableHeaderCell>}
            </TableRow>
          </TableHeader>
          <TableBody>
            {member.absences.map((absence) => (
              <TableRow key={absence.id}>
                <TableCell>{date(absence.startsOn)}</TableCell>
                <TableCell>{date(absence.endsOn)}</TableCell>
                {canManage && (
                  <TableCell>
                    <Button type="button" appearance="subtle-button" onClick={() => drop.mutate(absence.id)}>
                      {t('member.absenceRemove', { from: date(absence.startsOn), to: date(absence.endsOn) })}
                    </Button>
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {drop.isError && <ErrorAlert errors={formErrorsFrom(drop.error)} />}
      {canManage && (
        <Form
          errors={errors}
          fields={['startsOn', 'endsOn']}
          className="passend-toolbar"
          onSubmit={() => {
            const result = validate(absenceInputSchema, { startsOn, endsOn });
            if (!result.ok) return setErrors(result.errors);
            add.mutate(result.value);
          }}
        >
          <TextField
            name="startsOn"
            type="date"
            label={t('member.absenceFrom')}
            value={startsOn}
            onChange={setStartsOn}
            error={teamMessageFor(errors, 'startsOn')}
          />
          <TextField
            name="endsOn"
            type="date"
            label={t('member.absenceTo')}
            value={endsOn}
            onChange={setEndsOn}
            error={teamMessageFor(errors, 'endsOn')}
          />
          <ButtonGroup>
            <PrimaryActionButton type="submit" busy={add.isPending}>
              {t('member.absenceAdd')}
            </PrimaryActionButton>
          </ButtonGroup>
        </Form>
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
  const [choices, setChoices] = useState(profile);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [saved, setSaved] = useState(false);
  useEffect(() => setChoices(profile), [profile]);
  const save = useMutation({
    // The photo choice is saved in the photo section.
    mutationFn: () =>
      api.patch(
        `/api/team/${userId}/public-profile`,
        { showExpertise: choices.showExpertise, showSchools: choices.showSchools },
        publicProfileSchema,
      ),
    onSuccess: async () => {
      setErrors(noFormErrors);
      setSaved(true);
      await refresh();
    },
    onError: (error) => setErrors(formErrorsFrom(error)),
  });
  const keys = ['showExpertise', 'showSchools'] as const;
  return (
    <section className="passend-section passend-card" aria-labelledby={headingId}>
      <Heading2 id={headingId}>{t('member.publicHeading')}</Heading2>
      <Paragraph>{t(isOwn ? 'member.publicIntroOwn' : 'member.publicIntro')}</Paragraph>
      {saved && (
        <Alert type="ok" role="status">
          {t('common.saved')}
        </Alert>
      )}
      <Form errors={errors} fields={[]} onSubmit={() => save.mutate()} aria-labelledby={headingId}>
        {keys.map((key) => (
          <FormFieldCheckbox
            key={key}
            name={key}
            label={isOwn ? t(`member.${key}`) : t(`member.${key}Other`, { name })}
            checked={choices[key]}
            onChange={(event) => setChoices((current) => ({ ...current, [key]: event.target.checked }))}
          />
        ))}
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={save.isPending}>
            {t('member.publicSave')}
          </PrimaryActionButton>
        </ButtonGroup>
      </Form>
    </section>
  );
}
