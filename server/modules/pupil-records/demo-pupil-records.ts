import { sql } from 'drizzle-orm';
import { addDays } from '../../../contracts/school-year.ts';
import type { ContactChannel, ContactParty } from '../../../contracts/trajectories.ts';
import { queryRows, type Transaction } from '../../db/client.ts';
import type { Clock } from '../../platform/kernel/clock.ts';
import {
  teacherSupportActivities,
  trajectoryContacts,
  zatReferrals,
} from '../trajectories/trajectories.schema.ts';

type DemoContact = {
  daysAgo: number;
  party: ContactParty;
  partyName: string;
  channel: ContactChannel;
  summary: (pupil: string) => string;
  followUp?: (pupil: string) => string;
};

// Fictional contacts of the last month; each active pupil gets three, in turn.
const contacts: DemoContact[] = [
  {
    daysAgo: 2,
    party: 'parents',
    partyName: 'moeder',
    channel: 'phone',
    summary: (pupil) =>
      `Moeder belde: ${pupil} slaapt slecht sinds de toetsweek en ziet op tegen maandag. Afgesproken dat ${pupil} maandag het eerste uur op het expertisepunt start.`,
    followUp: (pupil) =>
      `Mentor informeren over de start op maandag en samen met ${pupil} de week doornemen.`,
  },
  {
    daysAgo: 9,
    party: 'teacher',
    partyName: 'docent Nederlands',
    channel: 'in_person',
    summary: (pupil) =>
      `${pupil} liep twee keer weg uit de les bij groepswerk. Besproken: vaste groep en een duidelijke taakverdeling vooraf.`,
  },
  {
    daysAgo: 20,
    party: 'mentor',
    partyName: '',
    channel: 'in_person',
    summary: (pupil) =>
      `Kort overleg over de cijfers van ${pupil}: voldoende bij de meeste vakken, wiskunde blijft lastig.`,
    followUp: (pupil) => `Bijlesmogelijkheden voor wiskunde nagaan voor ${pupil}.`,
  },
  {
    daysAgo: 5,
    party: 'care_coordinator',
    partyName: '',
    channel: 'email',
    summary: (pupil) => `Zorgcoördinator gevraagd ${pupil} te bespreken in het volgende ZAT-overleg.`,
  },
  {
    daysAgo: 14,
    party: 'parents',
    partyName: 'vader',
    channel: 'video',
    summary: (pupil) =>
      `Gesprek met vader over de thuissituatie; ${pupil} gamet 's avonds lang. Tips gegeven voor een vast avondritme.`,
  },
  {
    daysAgo: 25,
    party: 'team_leader',
    partyName: '',
    channel: 'in_person',
    summary: (pupil) =>
      `Teamleider akkoord met een aangepast rooster voor ${pupil} bij lichamelijke opvoeding.`,
  },
];

/**
 * The demo's contacts (E5), ZAT referrals (E7) and teacher support (E6): three contacts in the last
 * month for every active pupil (some with an open follow-up), a completed and a pending referral at
 * Rijnstroom College (else the first location), and trainings, class support and tips at every
 * location with trajectories.
 */
export async function seedDemoPupilRecords(
  transaction: Transaction,
  tenantId: string,
  clock: Clock,
): Promise<void> {
  const today = clock.today();
  const pupils = await queryRows<{
    id: string;
    location_id: string;
    pupil_first_name: string;
    mentor_user_id: string;
    staff_id: string | null;
    care_id: string | null;
  }>(
    transaction.db,
    sql`select t.id, t.location_id, t.pupil_first_name, t.mentor_user_id,
        (select r.user_id from role_assignments r where r.location_id = t.location_id and r.role = 'vso_teacher'
          order by r.created_at limit 1) as staff_id,
        (select r.user_id from role_assignments r where r.location_id = t.location_id
          and r.role in ('care_coordinator', 'team_leader') order by r.role, r.created_at limit 1) as care_id
      from trajectories t join locations l on l.id = t.location_id
      where t.status = 'active'
      order by l.name <> 'Rijnstroom College', l.name, t.created_at, t.id`,
  );
  for (const [index, pupil] of pupils.entries()) {
    const author = pupil.staff_id ?? pupil.care_id ?? pupil.mentor_user_id;
    const chosen = [0, 1, 2].map((offset) => contacts[(index * 3 + offset) % contacts.length] as DemoContact);
    await transaction.db.insert(trajectoryContacts).values(
      chosen.map((contact, position) => {
        // The newest follow-up stays open, older ones are done: a realistic mix on the overview.
        const followUp = contact.followUp?.(pupil.pupil_first_name) ?? null;
        return {
          tenantId,
          trajectoryId: pupil.id,
          contactOn: addDays(today, -contact.daysAgo),
          party: contact.party,
          partyName: contact.partyName,
          channel: contact.channel,
          summary: contact.summary(pupil.pupil_first_name),
          followUp,
          followUpOwnerUserId: followUp ? pupil.mentor_user_id : null,
          followUpDoneAt: followUp && position > 0 ? clock.now() : null,
          createdByUserId: author,
        };
      }),
    );
  }

  const [first, second] = pupils.filter((pupil) => pupil.location_id === pupils[0]?.location_id);
  if (first) {
    await transaction.db.insert(zatReferrals).values({
      tenantId,
      trajectoryId: first.id,
      referredOn: addDays(today, -60),
      agencyKind: 'youth_care',
      reason: `${first.pupil_first_name} heeft thuis en op school aanhoudend last van spanning en somberheid; de ondersteuning op school is niet genoeg.`,
      parentalConsent: 'given',
      consentRecordedOn: addDays(today, -55),
      zatDiscussedOn: addDays(today, -50),
      zatDiscussion:
        'Besproken in het ZAT met de jeugdverpleegkundige en het wijkteam: aanmelding bij jeugdhulp geadviseerd, school blijft aanspreekpunt.',
      outcome:
        'Intake bij jeugdhulp gehad; wekelijkse gesprekken gestart. School en hulpverlener stemmen elke maand af.',
      outcomeOn: addDays(today, -20),
      createdByUserId: first.care_id ?? first.staff_id ?? first.mentor_user_id,
    });
  }
  if (second) {
    await transaction.db.insert(zatReferrals).values({
      tenantId,
      trajectoryId: second.id,
      referredOn: addDays(today, -6),
      agencyKind: 'school_doctor',
      reason: `${second.pupil_first_name} is vaak moe en mist daardoor lessen; een medische oorzaak laten onderzoeken.`,
      parentalConsent: 'pending',
      zatDiscussedOn: addDays(today, -6),
      zatDiscussion: 'ZAT adviseert verwijzing naar de jeugdarts; de mentor vraagt de ouders om toestemming.',
      createdByUserId: second.care_id ?? second.staff_id ?? second.mentor_user_id,
    });
  }

  const locations = await queryRows<{ location_id: string; author_id: string }>(
    transaction.db,
    sql`select t.location_id,
        coalesce(
          (select r.user_id from role_assignments r where r.location_id = t.location_id and r.role = 'vso_teacher'
            order by r.created_at limit 1),
          (select r.user_id from role_assignments r where r.location_id = t.location_id
            and r.role in ('care_coordinator', 'team_leader') order by r.role, r.created_at limit 1),
          min(t.mentor_user_id::text)::uuid) as author_id
      from trajectories t group by t.location_id order by t.location_id`,
  );
  for (const location of locations) {
    await transaction.db.insert(teacherSupportActivities).values([
      {
        tenantId,
        locationId: location.location_id,
        kind: 'training',
        occurredOn: addDays(today, -45),
        topic: 'Autisme in de klas: voorspelbaarheid en prikkels',
        participantCount: 18,
        description: 'Studiemiddag voor het docententeam onderbouw, met casussen uit de eigen lessen.',
        createdByUserId: location.author_id,
      },
      {
        tenantId,
        locationId: location.location_id,
        kind: 'class_support',
        occurredOn: addDays(today, -12),
        topic: 'Rust bij de lesstart',
        teacherName: 'Mevr. Kok (aardrijkskunde)',
        className: '2B',
        description: 'Meegekeken bij de lesstart; afgesproken: programma op het bord en een vaste begintaak.',
        createdByUserId: location.author_id,
      },
      {
        tenantId,
        locationId: location.location_id,
        kind: 'tip',
        occurredOn: addDays(today, -8),
        topic: 'Time-outkaart',
        teacherName: 'Sectie wiskunde',
        description:
          'Een leerling met een time-outkaart mag zonder uitleg naar het expertisepunt; vraag er later naar.',
        createdByUserId: location.author_id,
      },
      {
        tenantId,
        locationId: location.location_id,
        kind: 'tip',
        occurredOn: addDays(today, -3),
        topic: 'Toetsen in een prikkelarme ruimte',
        teacherName: 'Dhr. Yilmaz (mentor 3A)',
        description:
          'Leerlingen met extra tijd kunnen hun toets op het expertisepunt maken; geef dit een dag vooraf door.',
        createdByUserId: location.author_id,
      },
    ]);
  }
}
