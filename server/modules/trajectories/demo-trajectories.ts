import { sql } from 'drizzle-orm';
import { addDays } from '../../../contracts/school-year.ts';
import type {
  ContactChannel,
  DiplomaLevel,
  EndReason,
  ProblemKind,
  TrajectoryStatus,
} from '../../../contracts/trajectories.ts';
import { queryRows, type Transaction } from '../../db/client.ts';
import type { Clock } from '../../platform/kernel/clock.ts';
import { trajectories } from './trajectories.schema.ts';

type DemoPupil = {
  brin: string;
  firstName: string;
  lastName: string;
  className: string;
  birthDate: string;
  status: TrajectoryStatus;
  /** Days before today the signal was recorded. */
  signalledDaysAgo: number;
  observed: string;
  tried: string;
  kinds: ProblemKind[];
  reasons: string;
  parentsContactHow: ContactChannel;
  end?: { reason: EndReason; level: DiplomaLevel | null; next: string };
  alternativeAdvice?: string;
};

// Fictional pupils at three expertise points (issue 7): every status once at Rijnstroom College, and
// two active pupils at each of the other staffed points.
const pupils: DemoPupil[] = [
  {
    brin: '20VB',
    firstName: 'Noah',
    lastName: 'de Graaf',
    className: '2B',
    birthDate: '2012-03-14',
    status: 'active',
    signalledDaysAgo: 70,
    observed: 'Trekt zich terug in drukke lessen, raakt overprikkeld en loopt dan de klas uit.',
    tried: 'Vaste plek bij het raam, koptelefoon bij zelfstandig werken.',
    kinds: ['autism_contact'],
    reasons: 'Prikkelverwerking belemmert het leren in de klas; korte pauzes op een rustige plek helpen.',
    parentsContactHow: 'in_person',
  },
  {
    brin: '20VB',
    firstName: 'Mila',
    lastName: 'Bakker',
    className: '3A',
    birthDate: '2011-06-02',
    status: 'active',
    signalledDaysAgo: 60,
    observed: 'Veel verzuim in het eerste uur, faalangst bij toetsen, huilt na een slecht cijfer.',
    tried: 'Gesprekken met de mentor, toetsen in een aparte ruimte.',
    kinds: ['psychological'],
    reasons: 'Faalangst en somberheid; zij heeft baat bij planning en een veilige plek op school.',
    parentsContactHow: 'phone',
  },
  {
    brin: '20VB',
    firstName: 'Sem',
    lastName: 'Jansen',
    className: '1C',
    birthDate: '2013-01-22',
    status: 'eligible',
    signalledDaysAgo: 21,
    observed: 'Conflicten in de pauze, reageert fel op correctie.',
    tried: 'Afspraken op een kaart, pauze binnen bij de conciërge.',
    kinds: ['behavioural'],
    reasons:
      'Gedrag belemmert het leren; begeleiding bij het reguleren van emoties past bij het expertisepunt.',
    parentsContactHow: 'phone',
  },
  {
    brin: '20VB',
    firstName: 'Julia',
    lastName: 'van den Berg',
    className: '4H',
    birthDate: '2010-09-30',
    status: 'signalled',
    signalledDaysAgo: 4,
    observed: 'Is vaak moe, mist lessen door hoofdpijn en loopt achter met praktische opdrachten.',
    tried: 'Uitstel voor twee opdrachten.',
    kinds: [],
    reasons: '',
    parentsContactHow: 'email',
  },
  {
    brin: '20VB',
    firstName: 'Finn',
    lastName: 'Mulder',
    className: '2A',
    birthDate: '2012-11-05',
    status: 'not_eligible',
    signalledDaysAgo: 45,
    observed: 'Maakt zijn huiswerk niet en is ongeconcentreerd.',
    tried: 'Huiswerkafspraken in de agenda.',
    kinds: [],
    reasons: 'Geen onderwijsgerelateerde gedrags-, psychische of medische problematiek.',
    parentsContactHow: 'phone',
    alternativeAdvice: 'Huiswerkklas na schooltijd en een wekelijkse check bij de mentor.',
  },
  {
    brin: '20VB',
    firstName: 'Yara',
    lastName: 'El Idrissi',
    className: '5H',
    birthDate: '2009-04-18',
    status: 'ended',
    signalledDaysAgo: 120,
    observed: 'Paniekaanvallen voor toetsen en presentaties.',
    tried: 'Presentaties in een klein groepje.',
    kinds: ['psychological', 'medical'],
    reasons: 'Angstklachten belemmeren het maken van toetsen.',
    parentsContactHow: 'in_person',
    end: { reason: 'diploma', level: 'havo', next: 'hbo-opleiding Pedagogiek in Utrecht' },
  },
  {
    brin: '18MN',
    firstName: 'Lucas',
    lastName: 'Visser',
    className: '2C',
    birthDate: '2012-07-09',
    status: 'active',
    signalledDaysAgo: 55,
    observed: 'Loopt vast bij plannen, raakt in paniek bij veranderingen in het rooster.',
    tried: 'Weekplanner met de mentor.',
    kinds: ['autism_contact'],
    reasons: 'Structuur en voorspelbaarheid ontbreken in de klas; het expertisepunt biedt die.',
    parentsContactHow: 'video',
  },
  {
    brin: '18MN',
    firstName: 'Emma',
    lastName: 'de Wit',
    className: '3B',
    birthDate: '2011-02-17',
    status: 'active',
    signalledDaysAgo: 40,
    observed: 'Na een lange ziekenhuisopname veel achterstand en snel vermoeid.',
    tried: 'Aangepast rooster in overleg met de jeugdarts.',
    kinds: ['medical'],
    reasons: 'Medische situatie vraagt om rustmomenten en hulp bij het inhalen van de achterstand.',
    parentsContactHow: 'in_person',
  },
  {
    brin: '19BX',
    firstName: 'Daan',
    lastName: 'Smits',
    className: '1A',
    birthDate: '2013-05-28',
    status: 'active',
    signalledDaysAgo: 50,
    observed: 'Boze uitbarstingen in de les, gooit met spullen.',
    tried: 'Time-out bij de teamleider.',
    kinds: ['behavioural'],
    reasons: 'Gedrag belemmert het leren van hemzelf en van de klas.',
    parentsContactHow: 'phone',
  },
  {
    brin: '19BX',
    firstName: 'Sophie',
    lastName: 'Kramer',
    className: '3T',
    birthDate: '2011-10-11',
    status: 'active',
    signalledDaysAgo: 35,
    observed: 'Zegt weinig, eet niet in de pauze, trekt zich terug.',
    tried: 'Gesprek met de mentor.',
    kinds: ['psychological'],
    reasons: 'Psychische klachten; een veilige plek en korte lijnen met thuis zijn nodig.',
    parentsContactHow: 'in_person',
  },
];

/** The demo's pupils at the expertise points, with their intake as recorded by the staff (issue 7). */
export async function seedDemoTrajectories(
  transaction: Transaction,
  tenantId: string,
  clock: Clock,
): Promise<void> {
  const today = clock.today();
  const staff = await queryRows<{ brin: string; location_id: string; role: string; user_id: string }>(
    transaction.db,
    sql`select l.brin, l.id as location_id, r.role, r.user_id from role_assignments r
      join locations l on l.id = r.location_id
      where r.role in ('teacher', 'mentor', 'care_coordinator', 'team_leader', 'vso_teacher')
        and l.sector = 'vo' order by r.role, r.user_id`,
  );
  const at = (brin: string, ...roles: string[]) =>
    roles.map((role) => staff.find((row) => row.brin === brin && row.role === role)).find(Boolean);
  for (const pupil of pupils) {
    const mentor = at(pupil.brin, 'mentor');
    if (!mentor) continue;
    const signaller = at(pupil.brin, 'teacher', 'vso_teacher', 'mentor') ?? mentor;
    const decider = at(pupil.brin, 'care_coordinator', 'team_leader', 'vso_teacher') ?? mentor;
    const signalledOn = addDays(today, -pupil.signalledDaysAgo);
    const contactedOn = addDays(signalledOn, 3);
    const decided = pupil.status !== 'signalled';
    const decidedOn = addDays(signalledOn, 10);
    const eligible = decided && pupil.status !== 'not_eligible';
    await transaction.db.insert(trajectories).values({
      tenantId,
      locationId: mentor.location_id,
      status: pupil.status,
      pupilFirstName: pupil.firstName,
      pupilLastName: pupil.lastName,
      pupilBirthDate: pupil.birthDate,
      pupilClass: pupil.className,
      mentorUserId: mentor.user_id,
      signalSource: 'teacher',
      signalObserved: pupil.observed,
      signalSince: 'Sinds het begin van het schooljaar',
      signalTried: pupil.tried,
      signalDiscussWith: 'mentor',
      signalledByUserId: signaller.user_id,
      discussedOn: addDays(signalledOn, 1),
      discussionOutcome: 'Besproken met de mentor; de mentor belt de ouders.',
      discussedByUserId: mentor.user_id,
      parentsContactedOn: decided ? contactedOn : null,
      parentsContactedHow: decided ? pupil.parentsContactHow : null,
      parentsContactOutcome: decided ? 'Ouders herkennen het beeld en staan open voor hulp.' : null,
      parentsContactedByUserId: decided ? mentor.user_id : null,
      eligibilityDecidedOn: decided ? decidedOn : null,
      problemKinds: pupil.kinds.length > 0 ? pupil.kinds : null,
      eligibilityReasons: decided ? pupil.reasons : null,
      alternativeAdvice: pupil.alternativeAdvice ?? null,
      eligibilityDecidedByUserId: decided ? decider.user_id : null,
      parentsExplainedOn: eligible ? addDays(decidedOn, 2) : null,
      parentsExplainedHow: eligible ? 'in_person' : null,
      parentsExplainedByUserId: eligible ? mentor.user_id : null,
      endedOn: pupil.end ? addDays(today, -7) : null,
      endReason: pupil.end?.reason ?? null,
      diplomaObtained: pupil.end ? pupil.end.level !== null : null,
      diplomaLevel: pupil.end?.level ?? null,
      nextDestination: pupil.end?.next ?? null,
      endedByUserId: pupil.end ? decider.user_id : null,
      createdAt: new Date(`${signalledOn}T09:00:00Z`),
      updatedAt: new Date(`${pupil.end ? addDays(today, -7) : decided ? decidedOn : signalledOn}T10:00:00Z`),
    });
  }
}
