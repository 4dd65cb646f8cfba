import { Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { type PublicTeamMember, publicTeamSchema } from '../../../../contracts/public.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { PublicPageState } from './PublicStates.tsx';
import { usePublicPage } from './usePublicPage.ts';

const doesItems = ['advice', 'coachTeacher', 'group', 'coachIb', 'process', 'inclusive'] as const;

/** `/p/:slug/team`: the partnership's expertise team, public (R15), with what the team does and does not do. */
export function TeamPage() {
  const { t } = useTranslation('publicPages');
  const { slug = '' } = useParams();
  const team = usePublicPage(
    ['team', slug],
    `/api/public/${encodeURIComponent(slug)}/team`,
    publicTeamSchema,
  );
  if (!team.data) {
    return (
      <PublicPageState loadingTitle={t('team.loadingTitle')} notFound={team.notFound} error={team.error} />
    );
  }
  return (
    <>
      <PageHeading>{t('team.title', { partnership: team.data.partnershipName })}</PageHeading>
      <Paragraph lead>{t('team.intro')}</Paragraph>
      <section className="passend-section">
        <Heading2>{t('team.doesTitle')}</Heading2>
        <Paragraph>{t('team.doesIntro')}</Paragraph>
        <ul className="passend-public-list">
          {doesItems.map((item) => (
            <li key={item}>{t(`team.does.${item}`)}</li>
          ))}
        </ul>
        <Heading2>{t('team.doesNotTitle')}</Heading2>
        <Paragraph>{t('team.doesNot')}</Paragraph>
        <Heading2>{t('team.howTitle')}</Heading2>
        <Paragraph>{t('team.how')}</Paragraph>
      </section>
      <section className="passend-section">
        <Heading2>{t('team.membersTitle')}</Heading2>
        {team.data.members.length === 0 ? (
          <Paragraph>{t('team.membersEmpty')}</Paragraph>
        ) : (
          <ul className="passend-public-members">
            {team.data.members.map((member) => (
              <MemberCard key={member.id} member={member} />
            ))}
          </ul>
        )}
      </section>
      <Paragraph>
        <RouterLink to={`/p/${slug}/expertisepunten`}>{t('team.expertisePointsLink')}</RouterLink>
      </Paragraph>
    </>
  );
}

function MemberCard({ member }: { member: PublicTeamMember }) {
  const { t } = useTranslation('publicPages');
  return (
    <li className="passend-public-member">
      {member.photoDataUrl && (
        <img
          className="passend-public-member__photo"
          src={member.photoDataUrl}
          alt={t('team.photoAlt', { name: member.name })}
        />
      )}
      <Heading3>{member.name}</Heading3>
      <Paragraph className="passend-public-member__role">{t(`teamRoles.${member.teamRole}`)}</Paragraph>
      {member.expertise && member.expertise.length > 0 && (
        <>
          <Paragraph>
            <strong>{t('team.expertise')}</strong>
          </Paragraph>
          <ul className="passend-public-list">
            {member.expertise.map((tag) => (
              <li key={tag}>{tag}</li>
            ))}
          </ul>
        </>
      )}
      {member.schools && member.schools.length > 0 && (
        <>
          <Paragraph>
            <strong>{t('team.schools')}</strong>
          </Paragraph>
          <ul className="passend-public-list">
            {member.schools.map((school) => (
              <li key={`${school.name}-${school.place}`}>{t('team.school', school)}</li>
            ))}
          </ul>
        </>
      )}
    </li>
  );
}
