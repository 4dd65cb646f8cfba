import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  ButtonGroup,
  Paragraph,
  SecondaryActionButton,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { userPageSchema } from '../../../../contracts/users.ts';
import { api, withQuery } from '../../app/api.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { roleAssignmentLabel } from '../../app/labels.ts';
import { hasPermission, useSignedInSession } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Pagination } from '../../ui/Pagination.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { InviteUserForm } from './InviteUserForm.tsx';

const pageSize = 25;

function positiveInteger(value: string | null): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : 1;
}

/** `/beheer/gebruikers`: the partnership's users, searchable and paged, and the invite form. */
export function UsersPage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const [searchParams, setSearchParams] = useSearchParams();
  const page = positiveInteger(searchParams.get('pagina'));
  const q = searchParams.get('zoek') ?? '';
  const [search, setSearch] = useState(q);
  const [inviting, setInviting] = useState(false);
  const [invitedEmail, setInvitedEmail] = useState<string | null>(null);
  const inviteButtonRef = useRef<HTMLButtonElement>(null);
  const captionId = useId();
  const canInvite = hasPermission(session, 'users.invite');

  const users = useQuery({
    queryKey: ['users', { page, pageSize, q }],
    queryFn: ({ signal }) => api.get(withQuery('/api/users', { page, pageSize, q }), userPageSchema, signal),
    placeholderData: keepPreviousData,
  });

  const go = (next: { page?: number; q?: string }) => {
    const params = new URLSearchParams();
    const nextQ = next.q ?? q;
    if (nextQ) params.set('zoek', nextQ);
    if (next.page && next.page > 1) params.set('pagina', String(next.page));
    setSearchParams(params);
  };

  const closeInvite = () => {
    setInviting(false);
    // Put focus back where the user opened the form.
    requestAnimationFrame(() => inviteButtonRef.current?.focus());
  };

  return (
    <>
      <PageHeading>{t('users.title')}</PageHeading>
      <Paragraph>{t('users.intro', { tenant: session.tenant.name })}</Paragraph>
      {invitedEmail && (
        <Alert type="ok" role="status">
          {t('invite.sent', { email: invitedEmail })}
        </Alert>
      )}
      {canInvite && !inviting && (
        <ButtonGroup>
          <Button
            ref={inviteButtonRef}
            appearance="primary-action-button"
            type="button"
            aria-expanded={false}
            onClick={() => {
              setInvitedEmail(null);
              setInviting(true);
            }}
          >
            {t('users.inviteOpen')}
          </Button>
        </ButtonGroup>
      )}
      {canInvite && inviting && (
        <InviteUserForm
          canReadLocations={hasPermission(session, 'locations.read')}
          onInvited={(email) => {
            setInvitedEmail(email);
            closeInvite();
          }}
          onCancel={closeInvite}
        />
      )}
      <search>
        <form
          className="passend-toolbar"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            go({ q: search.trim(), page: 1 });
          }}
        >
          <TextField
            name="q"
            type="search"
            label={t('users.searchLabel')}
            required={false}
            autoComplete="off"
            maxLength={100}
            value={search}
            onChange={setSearch}
          />
          <ButtonGroup>
            <SecondaryActionButton type="submit">{t('users.searchSubmit')}</SecondaryActionButton>
            {q && (
              <SecondaryActionButton
                type="button"
                onClick={() => {
                  setSearch('');
                  go({ q: '', page: 1 });
                }}
              >
                {t('users.searchClear')}
              </SecondaryActionButton>
            )}
          </ButtonGroup>
        </form>
      </search>
      {users.isError && <ErrorAlert errors={formErrorsFrom(users.error)} />}
      {users.data && (
        <>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard. */}
          <section className="passend-table-scroll" aria-labelledby={captionId} tabIndex={0}>
            <Table busy={users.isFetching}>
              <TableCaption id={captionId}>
                {q ? t('users.searchResult', { q }) : t('users.tableCaption')}
              </TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('users.columnName')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('users.columnEmail')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('users.columnRoles')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('users.columnStatus')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('users.columnMfa')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {users.data.items.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={5}>{t('users.empty')}</TableCell>
                  </TableRow>
                )}
                {users.data.items.map((user) => (
                  <TableRow key={user.id}>
                    <TableHeaderCell scope="row">{user.name}</TableHeaderCell>
                    <TableCell>{user.email}</TableCell>
                    <TableCell>
                      <ul className="passend-role-list">
                        {user.roles.map((assignment) => (
                          <li key={`${assignment.role}-${assignment.teamRole}-${assignment.locationId}`}>
                            {roleAssignmentLabel(t, assignment)}
                          </li>
                        ))}
                      </ul>
                    </TableCell>
                    <TableCell>{t(`userStatus.${user.status}`)}</TableCell>
                    <TableCell>{user.mfaEnrolled ? t('users.mfaYes') : t('users.mfaNo')}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </section>
          <Pagination
            page={users.data.page}
            pageSize={users.data.pageSize}
            total={users.data.total}
            onPageChange={(next) => go({ page: next })}
          />
        </>
      )}
      {users.isPending && <Paragraph role="status">{t('app.loading')}</Paragraph>}
    </>
  );
}
