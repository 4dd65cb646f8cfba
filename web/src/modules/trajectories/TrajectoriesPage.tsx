import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { trajectoryPageSchema, trajectoryStatuses } from '../../../../contracts/trajectories.ts';
import { api, withQuery } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { hasPermission, useSignedInSession } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Pagination } from '../../ui/Pagination.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { ScrollTable } from '../../ui/ScrollTable.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { TrajectoryStatusTag } from './TrajectoryStatusTag.tsx';

const pageSize = 25;

/**
 * `/trajecten`: the pupils at the expertise point the user may see (P1), and `/signalen`: the signals a
 * teacher recorded themselves. Status, search text and page live in the address; the server filters.
 */
export function TrajectoriesPage({ ownSignals = false }: { ownSignals?: boolean }) {
  const { t } = useTranslation('trajectories');
  const session = useSignedInSession();
  const format = useFormatters();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('pagina')) || 1);
  const status = trajectoryStatuses.find((candidate) => candidate === params.get('status'));
  const q = params.get('zoek') ?? '';
  const [search, setSearch] = useState(q);
  const list = useQuery({
    queryKey: ['trajectories', 'list', { ownSignals, status, q, page }],
    queryFn: ({ signal }) =>
      api.get(
        withQuery(ownSignals ? '/api/signals' : '/api/trajectories', {
          status,
          q: q || undefined,
          page,
          pageSize,
        }),
        trajectoryPageSchema,
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  const change = (changes: Record<string, string>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [name, value] of Object.entries(changes)) {
        if (value) next.set(name, value);
        else next.delete(name);
      }
      return next;
    });
  const data = list.data;
  const base = ownSignals ? '/signalen' : '/trajecten';

  return (
    <>
      <PageHeading>{t(ownSignals ? 'list.ownTitle' : 'list.title')}</PageHeading>
      <Paragraph>{t(ownSignals ? 'list.ownIntro' : 'list.intro')}</Paragraph>
      <nav aria-label={t('list.more')}>
        <UnorderedList>
          {[
            { to: '/signalen/nieuw', action: 'trajectories.signal', label: t('list.new') },
            ...(ownSignals
              ? []
              : [
                  { to: '/expertisepunt/vandaag', action: 'attendance.manage', label: t('list.today') },
                  { to: '/expertisepunt/week', action: 'trajectories.read', label: t('list.week') },
                  {
                    to: '/expertisepunt/overzicht',
                    action: 'expertise_point.overview',
                    label: t('list.overview'),
                  },
                  {
                    to: '/expertisepunt/docenten',
                    action: 'teacher_support.read',
                    label: t('list.teachers'),
                  },
                ]),
          ]
            .filter((link) => hasPermission(session, link.action))
            .map((link) => (
              <UnorderedListItem key={link.to}>
                <RouterLink to={link.to}>{link.label}</RouterLink>
              </UnorderedListItem>
            ))}
        </UnorderedList>
      </nav>
      <search className="passend-toolbar">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            change({ zoek: search.trim(), pagina: '' });
          }}
        >
          <TextField
            name="q"
            type="search"
            label={t('list.search')}
            required={false}
            value={search}
            onChange={setSearch}
          />
        </form>
        <SelectField
          name="status"
          label={t('list.status')}
          placeholder={t('list.allStatuses')}
          required={false}
          value={status ?? ''}
          onChange={(value) => change({ status: value, pagina: '' })}
          choices={trajectoryStatuses.map((value) => ({ value, label: t(`statuses.${value}`) }))}
        />
      </search>
      {list.error && <ErrorAlert errors={formErrorsFrom(list.error)} />}
      {list.isPending && <Paragraph role="status">{t('app.loading', { ns: 'translation' })}</Paragraph>}
      {data && (
        <>
          <ScrollTable caption={t(ownSignals ? 'list.ownCaption' : 'list.caption', { count: data.total })}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('list.pupil')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('fields.pupilClass')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('fields.locationId')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('fields.mentorUserId')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('list.signalledOn')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('list.status')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.items.length === 0 && (
                <TableRow>
                  <TableCell colSpan={6}>{t('list.empty')}</TableCell>
                </TableRow>
              )}
              {data.items.map((item) => (
                <TableRow key={item.id}>
                  <TableHeaderCell scope="row">
                    <RouterLink to={`${base}/${item.id}`}>{item.pupilName}</RouterLink>
                  </TableHeaderCell>
                  <TableCell>{item.pupilClass}</TableCell>
                  <TableCell>{item.locationName}</TableCell>
                  <TableCell>{item.mentorName}</TableCell>
                  <TableCell>{format.date(item.signalledOn)}</TableCell>
                  <TableCell>
                    <TrajectoryStatusTag status={item.status} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </ScrollTable>
          <Pagination
            page={data.page}
            pageSize={data.pageSize}
            total={data.total}
            onPageChange={(next) => change({ pagina: String(next) })}
          />
        </>
      )}
    </>
  );
}
