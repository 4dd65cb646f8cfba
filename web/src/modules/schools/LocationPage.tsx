import { Alert, ButtonGroup, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router';
import type { LocationDetail } from '../../../../contracts/locations.ts';
import { isApiError } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { ForbiddenPage, NotFoundPage, UnexpectedError } from '../../app/StatusPages.tsx';
import { hasPermission, useSignedInSession } from '../../app/session.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { DataTable } from '../../ui/table/DataTable.tsx';
import { PairSummary } from '../team/PairSummary.tsx';
import { PupilCountsSection } from './PupilCountsSection.tsx';
import { useLocationDetail } from './schools.api.ts';
import './schools.css';

/** What the create and edit screens pass along, to confirm the save here. */
export type LocationPageState = { saved?: 'created' | 'updated' } | null;

/** `/scholen/:locationId`: address, board, active period, pupil counts and school staff of one location. */
export function LocationPage() {
  const { locationId = '' } = useParams();
  const { t } = useTranslation('schools');
  const { t: common } = useTranslation();
  const session = useSignedInSession();
  const flow = useLocation().state as LocationPageState;
  const location = useLocationDetail(locationId);
  const canManage = hasPermission(session, 'locations.manage');

  if (location.isError && isApiError(location.error, 'not_found')) return <NotFoundPage />;
  if (location.isError && isApiError(location.error, 'forbidden')) return <ForbiddenPage />;
  if (location.isError) return <UnexpectedError error={location.error} />;
  if (!location.data)
    return (
      <>
        <PageHeading placeholder>{common('app.loading')}</PageHeading>
        <Paragraph role="status">{common('app.loading')}</Paragraph>
      </>
    );
  const detail = location.data;
  return (
    <>
      <Paragraph>
        <RouterLink to="/scholen">{t('locationDetail.back')}</RouterLink>
      </Paragraph>
      <PageHeading>{detail.name}</PageHeading>
      {flow?.saved && (
        <Alert type="ok" role="status">
          {t(flow.saved === 'created' ? 'locationDetail.created' : 'locationDetail.saved')}
        </Alert>
      )}
      <DetailsSection detail={detail} />
      {canManage && (
        <ButtonGroup>
          <RouterLink to={`/scholen/${detail.id}/bewerken`}>{t('locationDetail.edit')}</RouterLink>
        </ButtonGroup>
      )}
      <PupilCountsSection location={detail} canManage={canManage} />
      <StaffSection detail={detail} />
      {/* The fixed pair of team members (R5) exists for primary schools only. */}
      {isPrimarySector(detail.sector) && hasPermission(session, 'pairs.read') && (
        <PairSummary locationId={detail.id} />
      )}
    </>
  );
}

function isPrimarySector(sector: LocationDetail['sector']): boolean {
  return sector === 'bo' || sector === 'sbo' || sector === 'so';
}

function DetailsSection({ detail }: { detail: LocationDetail }) {
  const { t } = useTranslation('schools');
  const { t: common } = useTranslation();
  const { date } = useFormatters();
  const headingId = useId();
  const addressLines = [
    [detail.street, detail.houseNumber].filter(Boolean).join(' '),
    [detail.postalCode, detail.place].filter(Boolean).join(' '),
  ].filter(Boolean);
  const period =
    detail.activeFrom && detail.activeTo
      ? t('locationDetail.activeFromTo', { from: date(detail.activeFrom), to: date(detail.activeTo) })
      : detail.activeFrom
        ? t('locationDetail.activeFrom', { from: date(detail.activeFrom) })
        : detail.activeTo
          ? t('locationDetail.activeTo', { to: date(detail.activeTo) })
          : t('locationDetail.activeAlways');
  return (
    <section className="passend-section" aria-labelledby={headingId}>
      <Heading2 id={headingId}>{t('locationDetail.detailsHeading')}</Heading2>
      <dl className="passend-detail-list">
        <dt>{t('locationDetail.brin')}</dt>
        <dd>{detail.brin}</dd>
        <dt>{t('locationDetail.locationCode')}</dt>
        <dd>{detail.locationCode}</dd>
        <dt>{t('locationDetail.sector')}</dt>
        <dd>{common(`sectors.${detail.sector}`)}</dd>
        <dt>{t('locationDetail.board')}</dt>
        <dd>
          {detail.board ? `${detail.board.name} (${detail.board.code})` : t('locationDetail.boardNone')}
        </dd>
        <dt>{t('locationDetail.address')}</dt>
        <dd>
          {addressLines.length > 0
            ? addressLines.map((line) => (
                <span key={line} className="passend-address-line">
                  {line}
                  <br />
                </span>
              ))
            : t('locationDetail.addressNone')}
        </dd>
        <dt>{t('locationDetail.activePeriod')}</dt>
        <dd>{period}</dd>
        <dt>{t('locationDetail.status')}</dt>
        <dd>{detail.active ? t('locationList.active') : t('locationList.inactive')}</dd>
      </dl>
    </section>
  );
}

type StaffMember = LocationDetail['staff'][number];

function StaffSection({ detail }: { detail: LocationDetail }) {
  const { t } = useTranslation('schools');
  const { t: common } = useTranslation();
  const headingId = useId();
  const showEmail = detail.staff.some((member) => member.email !== null);
  return (
    <section className="passend-section" aria-labelledby={headingId}>
      <Heading2 id={headingId}>{t('staff.heading')}</Heading2>
      <Paragraph>{t('staff.intro')}</Paragraph>
      {detail.staff.length === 0 ? (
        <Paragraph>{t('staff.empty')}</Paragraph>
      ) : (
        <DataTable
          caption={<span className="passend-visually-hidden">{t('staff.caption')}</span>}
          columns={[
            {
              key: 'name',
              header: t('staff.columnName'),
              cell: (member: StaffMember) => member.name,
              rowHeader: true,
            },
            {
              key: 'role',
              header: t('staff.columnRole'),
              cell: (member: StaffMember) => common(`roles.${member.role}` as 'roles.teacher'),
              keepWithTitle: true,
            },
            ...(showEmail
              ? [
                  {
                    key: 'email',
                    header: t('staff.columnEmail'),
                    cell: (member: StaffMember) => (
                      <span className="passend-break-anywhere">{member.email}</span>
                    ),
                  },
                ]
              : []),
          ]}
          rows={detail.staff}
          rowKey={(member) => `${member.userId}-${member.role}`}
          empty={t('staff.empty')}
        />
      )}
    </section>
  );
}
