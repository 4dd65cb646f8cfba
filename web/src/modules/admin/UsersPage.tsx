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
import { type UserSummary, userPageSchema } from '../../../../contracts/users.ts';
import { api, withQuery } from '../../app/api.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { roleAssignmentLabel } from '../../app/labels.ts';
import { hasPermission, useSignedInSession } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Pagination } from '../../ui/Pagination.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { EditRolesForm } from './EditRolesForm.tsx';
import { InviteUserForm } from './InviteUserForm.tsx';

const pageSize = 25;

function positiveInteger(value: string | null): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : 1;
}

/** `/beheer/gebruikers`: the partnership's users, searchable and paged, the invite form and role changes. */
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
  const [editing, setEditing] = useState<UserSummary | null>(null);
  const [savedName, setSavedName] = useState<string | null>(null);
  const editButtonRefs = useRef(new Map<string, HTMLButtonElement>());
  const captionId = useId();
  const canInvite = hasPermission(session, 'users.invite');
  const canManage = hasPermission(session, 'users.manage');
  const canReadLocations = hasPermission(session, 'locations.read');

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

  const closeEdit = (userId: string) => {
    setEditing(null);
    // Back to the row's button the form was opened with.
    requestAnimationFrame(() => editButtonRefs.current.get(userId)?.focus());
  };

  return (
    <>
      <PageHeading>{t('users.title')}</PageHeading>
      <Paragraph>{t('users.intro', { tenant: session.tenant.name })}</Paragraph>
      {savedName && (
        <Alert type="ok" role="status">
          {t('editRoles.saved', { name: savedName })}
        </Alert>
      )}
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
              setSavedName(null);
              setEditing(null);
              setInviting(true);
            }}
          >
            {t('users.inviteOpen')}
          </Button>
        </ButtonGroup>
      )}
      {canInvite && inviting && (
        <InviteUserForm
          canReadLocations={canReadLocations}
          onInvited={(email) => {
            setInvitedEmail(email);
            closeInvite();
          }}
          onCancel={closeInvite}
        />
      )}
      {canManage && editing && (
        <EditRolesForm
          key={editing.id}
          user={editing}
          canReadLocations={canReadLocations}
          onSaved={(user) => {
            setSavedName(user.name);
            closeEdit(user.id);
          }}
          onCancel={() => closeEdit(editing.id)}
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
                  {canManage && <TableHeaderCell scope="col">{t('editRoles.columnActions')}</TableHeaderCell>}
                </TableRow>
              </TableHeader>
              <TableBody>
                {users.data.items.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={canManage ? 6 : 5}>{t('users.empty')}</TableCell>
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
                    {canManage && (
                      <TableCell>
                        <Button
                          ref={(element) => {
                            if (element) editButtonRefs.current.set(user.id, element);
                            else editButtonRefs.current.delete(user.id);
                          }}
                          appearance="secondary-action-button"
                          type="button"
                          aria-label={t('editRoles.openFor', { name: user.name })}
                          aria-expanded={editing?.id === user.id}
                          onClick={() => {
                            setSavedName(null);
                            setInvitedEmail(null);
                            setInviting(false);
                            setEditing(user);
                          }}
                        >
                          {t('editRoles.open')}
                        </Button>
                      </TableCell>
                    )}
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
