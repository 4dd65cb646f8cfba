import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
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
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  type UserStatus,
  type UserSummary,
  userPageSchema,
  userStatusSchema,
} from '../../../../contracts/users.ts';
import { api, withQuery } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { roleAssignmentLabel } from '../../app/labels.ts';
import { hasPermission, useSignedInSession } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Pagination } from '../../ui/Pagination.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { AccountDialog, accountChangedMessage } from './AccountDialog.tsx';
import { EditRolesForm } from './EditRolesForm.tsx';
import { InviteUserForm } from './InviteUserForm.tsx';

const pageSize = 25;

function positiveInteger(value: string | null): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : 1;
}

function statusParam(value: string | null): UserStatus | undefined {
  const parsed = userStatusSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/**
 * `/beheer/gebruikers`: the partnership's users, searchable, filtered by status and paged; the invite
 * form, role changes, and ending or reopening an account (P7).
 */
export function UsersPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const queryClient = useQueryClient();
  const session = useSignedInSession();
  const [searchParams, setSearchParams] = useSearchParams();
  const page = positiveInteger(searchParams.get('pagina'));
  const q = searchParams.get('zoek') ?? '';
  const status = statusParam(searchParams.get('status'));
  const [search, setSearch] = useState(q);
  const [statusChoice, setStatusChoice] = useState<string>(status ?? '');
  const [accountChange, setAccountChange] = useState<{
    user: UserSummary;
    mode: 'deactivate' | 'reactivate';
  } | null>(null);
  const [accountMessage, setAccountMessage] = useState<string | null>(null);
  const accountButtonRefs = useRef(new Map<string, HTMLButtonElement>());
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
  const canDeactivate = hasPermission(session, 'users.deactivate');
  const hasActions = canManage || canDeactivate;

  const users = useQuery({
    queryKey: ['users', { page, pageSize, q, status }],
    queryFn: ({ signal }) =>
      api.get(withQuery('/api/users', { page, pageSize, q, status }), userPageSchema, signal),
    placeholderData: keepPreviousData,
  });

  const go = (next: { page?: number; q?: string; status?: string }) => {
    const params = new URLSearchParams();
    const nextQ = next.q ?? q;
    const nextStatus = next.status ?? status ?? '';
    if (nextQ) params.set('zoek', nextQ);
    if (nextStatus) params.set('status', nextStatus);
    if (next.page && next.page > 1) params.set('pagina', String(next.page));
    setSearchParams(params);
  };

  // Focus goes back to the row's button once the dialog is gone: the dialog's own close returns focus
  // as it unmounts, so this runs in an effect after it (the button may now read "reactivate").
  const [focusAccountOf, setFocusAccountOf] = useState<string | null>(null);
  useEffect(() => {
    if (!focusAccountOf || accountChange) return;
    accountButtonRefs.current.get(focusAccountOf)?.focus();
    setFocusAccountOf(null);
  }, [focusAccountOf, accountChange]);

  const closeAccountChange = (userId: string) => {
    setAccountChange(null);
    setFocusAccountOf(userId);
  };

  const clearMessages = () => {
    setSavedName(null);
    setInvitedEmail(null);
    setAccountMessage(null);
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
      {accountMessage && (
        <Alert type="ok" role="status">
          {accountMessage}
        </Alert>
      )}
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
              clearMessages();
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
            go({ q: search.trim(), status: statusChoice, page: 1 });
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
          <SelectField
            name="status"
            label={t('users.statusFilter')}
            placeholder={t('users.statusAll')}
            required={false}
            value={statusChoice}
            onChange={setStatusChoice}
            choices={userStatusSchema.options.map((value) => ({ value, label: t(`userStatus.${value}`) }))}
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
                  {hasActions && (
                    <TableHeaderCell scope="col">{t('editRoles.columnActions')}</TableHeaderCell>
                  )}
                </TableRow>
              </TableHeader>
              <TableBody>
                {users.data.items.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={hasActions ? 6 : 5}>{t('users.empty')}</TableCell>
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
                    <TableCell>
                      {user.status === 'disabled' && user.deactivatedAt
                        ? t('users.deactivatedOn', { date: format.date(user.deactivatedAt) })
                        : t(`userStatus.${user.status}`)}
                    </TableCell>
                    <TableCell>{user.mfaEnrolled ? t('users.mfaYes') : t('users.mfaNo')}</TableCell>
                    {hasActions && (
                      <TableCell>
                        <ButtonGroup>
                          {canManage && (
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
                                clearMessages();
                                setInviting(false);
                                setEditing(user);
                              }}
                            >
                              {t('editRoles.open')}
                            </Button>
                          )}
                          {canDeactivate && user.id === session.user.id && (
                            <span className="passend-muted">{t('accountEnd.ownAccount')}</span>
                          )}
                          {canDeactivate && user.id !== session.user.id && (
                            <Button
                              ref={(element) => {
                                if (element) accountButtonRefs.current.set(user.id, element);
                                else accountButtonRefs.current.delete(user.id);
                              }}
                              appearance="secondary-action-button"
                              type="button"
                              aria-haspopup="dialog"
                              aria-label={t(
                                user.status === 'disabled'
                                  ? 'accountEnd.reactivateFor'
                                  : 'accountEnd.deactivateFor',
                                { name: user.name },
                              )}
                              onClick={() => {
                                clearMessages();
                                setAccountChange({
                                  user,
                                  mode: user.status === 'disabled' ? 'reactivate' : 'deactivate',
                                });
                              }}
                            >
                              {t(
                                user.status === 'disabled'
                                  ? 'accountEnd.reactivate'
                                  : 'accountEnd.deactivate',
                              )}
                            </Button>
                          )}
                        </ButtonGroup>
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
      {accountChange && (
        <AccountDialog
          key={`${accountChange.user.id}-${accountChange.mode}`}
          user={accountChange.user}
          mode={accountChange.mode}
          basePath="/api/users"
          onDone={async (changed) => {
            setAccountMessage(accountChangedMessage(t, accountChange.user.name, changed.status));
            await queryClient.invalidateQueries({ queryKey: ['users'] });
            closeAccountChange(accountChange.user.id);
          }}
          onCancel={() => closeAccountChange(accountChange.user.id)}
        />
      )}
    </>
  );
}
