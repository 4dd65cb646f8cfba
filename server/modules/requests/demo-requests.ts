import { createHash, randomBytes } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import {
  consentTextVersions,
  type RequestStatus,
  type RequestTransition,
  type RequestType,
} from '../../../contracts/requests.ts';
import { addDays, schoolYearOf } from '../../../contracts/school-year.ts';
import type { Transaction } from '../../db/client.ts';
import { users } from '../../platform/auth/auth.schema.ts';
import { translate } from '../../platform/i18n/messages.ts';
import { locations } from '../schools/schools.schema.ts';
import {
  consentLinks,
  consentRecords,
  requestCounters,
  requestEvents,
  requestMessages,
  requestPeople,
  supportRequests,
} from './requests.schema.ts';

type DemoPerson = { name: string; email: string | null; hasAuthority?: boolean; birthDate?: string };
type DemoStep = [
  transition: RequestTransition,
  to: RequestStatus,
  daysAgo: number,
  by: 'ib' | 'contact' | 'adviser' | null,
  reason?: string,
];

type DemoRequest = {
  type: RequestType;
  status: RequestStatus;
  question: string;
  tried: string;
  hoped: string;
  /** The teacher as typed before Y3 (free text, kept read-only). */
  teacher?: string;
  /** Y3: the demo's primary teacher account (leerkracht@) is the teacher on the request. */
  teacherAccount?: true;
  group?: string;
  asksDirectPupilSupport?: boolean;
  pupil?: DemoPerson & { group: string };
  parents?: DemoPerson[];
  consent?: Array<[personIndex: number, decision: 'given' | 'refused' | 'withdrawn', daysAgo: number]>;
  /** People who got a link and did not answer yet (index into parents; -1 is the pupil). */
  asked?: number[];
  parentsInformed?: { daysAgo: number; how: string };
  assignee?: 'contact' | 'adviser';
  outcome?: string;
  steps: DemoStep[];
  messages?: Array<
    [by: 'ib' | 'contact' | 'adviser' | 'teacher', kind: 'message' | 'note', daysAgo: number, body: string]
  >;
};

// Fictional pupils and parents of OBS De Regenboog; every status of the workflow occurs once or more.
// Ages and dates are relative to the day the demo is seeded.
const demoRequestsOn = (today: string): DemoRequest[] => {
  const born = (years: number, extraDays: number) =>
    addDays(addDays(today, -Math.round(years * 365.25)), -extraDays);
  return [
    {
      type: 'pupil_advice',
      status: 'draft',
      question: 'Lisa raakt snel overprikkeld in de drukke groep. Welke aanpassingen passen binnen de klas?',
      tried: '',
      hoped: '',
      pupil: { name: 'Lisa Bosman', birthDate: born(8, 40), group: 'groep 5', email: null },
      parents: [{ name: 'Karin Bosman', email: 'karin.bosman@example.nl', hasAuthority: true }],
      steps: [],
    },
    {
      type: 'pupil_advice',
      status: 'submitted',
      question:
        'Noah heeft moeite met het op gang komen bij zelfstandig werken. Hoe kan de leerkracht hem helpen?',
      tried: 'Een dagplanning op tafel en een vaste instructieplek; dat helpt maar kort.',
      hoped: 'Concrete handelingsadviezen voor de leerkracht en een gesprek met de ouders.',
      teacher: 'Meester Ruben',
      pupil: { name: 'Noah van Leeuwen', birthDate: born(9, 100), group: 'groep 6', email: null },
      parents: [
        { name: 'Ilse van Leeuwen', email: 'ilse.vanleeuwen@example.nl', hasAuthority: true },
        { name: 'Tom van Leeuwen', email: 'tom.vanleeuwen@example.nl', hasAuthority: true },
      ],
      consent: [[0, 'given', 2]],
      asked: [1],
      steps: [['submit', 'submitted', 3, 'ib']],
    },
    {
      type: 'group_guidance',
      status: 'submitted',
      question: 'In groep 7 is veel onrust en buitensluiten. Kan het team de groepsvorming begeleiden?',
      tried: 'Groepsregels opnieuw opgesteld, Kanjertraining-lessen, gesprekken met enkele leerlingen.',
      hoped: 'Een betere sfeer en handvatten voor de leerkracht om de groep te sturen.',
      group: 'groep 7',
      steps: [['submit', 'submitted', 1, 'ib']],
    },
    {
      type: 'process_guidance',
      status: 'ready',
      question:
        'Wij willen ons ondersteuningsaanbod voor meer- en hoogbegaafde leerlingen opnieuw inrichten.',
      tried: 'Een werkgroep van drie leerkrachten heeft het huidige aanbod in kaart gebracht.',
      hoped: 'Begeleiding bij het opstellen van een plan van aanpak voor de komende twee jaar.',
      steps: [
        ['submit', 'submitted', 2, 'ib'],
        ['mark_ready', 'ready', 2, 'ib'],
      ],
    },
    {
      type: 'teacher_coaching_classroom',
      status: 'assigned',
      question: 'Een startende leerkracht in groep 4 zoekt houvast bij klassenmanagement.',
      tried: 'Collegiale consultatie en een maatje uit groep 3.',
      hoped: 'Coaching met video-opnames in de klas, drie tot vier keer.',
      teacherAccount: true,
      assignee: 'contact',
      steps: [
        ['submit', 'submitted', 6, 'ib'],
        ['mark_ready', 'ready', 6, 'ib'],
        ['assign', 'assigned', 6, null],
      ],
      messages: [
        [
          'contact',
          'message',
          5,
          'Ik plan graag een kennismaking met de leerkracht. Schikt dinsdag na schooltijd?',
        ],
        ['teacher', 'message', 4, 'Dinsdag om 15.00 uur past mij goed. Ik zet de camera alvast klaar.'],
      ],
    },
    {
      type: 'pupil_advice',
      status: 'in_progress',
      question: 'Sem (12) laat thuis en op school veel boosheid zien. Wat heeft hij nodig in de klas?',
      tried: 'Time-out-plek in de klas, korte check-ins met de leerkracht, contact met ouders elke week.',
      hoped: 'Inzicht in zijn onderwijsbehoeften en adviezen voor de leerkracht.',
      teacher: 'Meester Ahmed',
      pupil: {
        name: 'Sem Dekker',
        birthDate: born(12, 60),
        group: 'groep 8',
        email: 'sem.dekker@example.nl',
      },
      parents: [
        { name: 'Linda Dekker', email: 'linda.dekker@example.nl', hasAuthority: true },
        { name: 'Erik Dekker', email: 'erik.dekker@example.nl', hasAuthority: true },
      ],
      consent: [
        [0, 'given', 20],
        [1, 'given', 19],
        [-1, 'given', 19],
      ],
      assignee: 'adviser',
      steps: [
        ['submit', 'submitted', 21, 'ib'],
        ['mark_ready', 'ready', 19, null],
        ['assign', 'assigned', 19, null],
        ['reassign', 'assigned', 18, 'contact'],
        ['start', 'in_progress', 15, 'adviser'],
      ],
      messages: [
        [
          'adviser',
          'message',
          14,
          'Ik kom donderdag observeren in groep 8, van 8.30 tot 10.00 uur. Past dat?',
        ],
        ['ib', 'message', 13, 'Dat past. Meester Ahmed weet ervan.'],
        ['adviser', 'note', 10, 'Observatie gedaan: prikkels bij overgangen; adviesgesprek plannen.'],
      ],
    },
    {
      type: 'ib_coaching',
      status: 'closed',
      question: 'Coaching van de nieuwe intern begeleider bij het voeren van groepsbesprekingen.',
      tried: 'Intervisie met IB-ers van het bestuur.',
      hoped: 'Meer structuur in de groepsbesprekingen.',
      assignee: 'contact',
      outcome: 'Vier coachingsgesprekken gevoerd; een vast format voor groepsbesprekingen is ingevoerd.',
      steps: [
        ['submit', 'submitted', 80, 'ib'],
        ['mark_ready', 'ready', 80, 'ib'],
        ['assign', 'assigned', 80, null],
        ['start', 'in_progress', 75, 'contact'],
        ['close', 'closed', 20, 'contact'],
      ],
    },
    {
      type: 'pupil_advice',
      status: 'refused',
      question: 'Kan iemand van het team twee keer per week met Daan werken aan zijn lezen?',
      tried: 'Extra leesinstructie in de groep.',
      hoped: 'Individuele begeleiding voor Daan.',
      asksDirectPupilSupport: true,
      pupil: { name: 'Daan Smits', birthDate: born(7, 200), group: 'groep 4', email: null },
      parents: [{ name: 'Petra Smits', email: null, hasAuthority: true }],
      steps: [['refuse', 'refused', 30, 'ib', translate('nl', 'refusal.directPupilSupport')]],
    },
    {
      type: 'school_wide_theme',
      status: 'withdrawn',
      question: 'Studiedag over inclusief onderwijs voor het hele team.',
      tried: 'Literatuur gedeeld in de teamvergadering.',
      hoped: 'Een inspirerende studiedag in februari.',
      steps: [
        ['submit', 'submitted', 40, 'ib'],
        ['mark_ready', 'ready', 40, 'ib'],
        ['withdraw', 'withdrawn', 35, 'ib', 'De studiedag wordt door het bestuur georganiseerd.'],
      ],
    },
    {
      type: 'teacher_coaching_pupil',
      status: 'paused',
      question: 'De leerkracht zoekt handvatten voor Mila, die veel faalangst laat zien.',
      tried: 'Complimenten op inzet, kleinere opdrachten, oefenen met presenteren in een klein groepje.',
      hoped: 'Coaching van de leerkracht met concrete voorbeelden.',
      teacher: 'Juf Sanne',
      pupil: { name: 'Mila de Graaf', birthDate: born(10, 15), group: 'groep 6', email: null },
      parents: [{ name: 'Jasper de Graaf', email: 'jasper.degraaf@example.nl', hasAuthority: true }],
      consent: [
        [0, 'given', 12],
        [0, 'withdrawn', 2],
      ],
      assignee: 'contact',
      steps: [
        ['submit', 'submitted', 13, 'ib'],
        ['mark_ready', 'ready', 12, null],
        ['assign', 'assigned', 12, null],
        ['start', 'in_progress', 9, 'contact'],
        ['pause', 'paused', 2, null],
      ],
    },
  ];
};

/**
 * Seeds support requests of OBS De Regenboog in every state of the workflow (issue 4, demo data),
 * dated relative to `today` (the seeding app's clock).
 */
export async function seedDemoRequests(
  transaction: Transaction,
  tenantId: string,
  today: string,
): Promise<void> {
  const { db } = transaction;
  const demoRequests = demoRequestsOn(today);
  const daysAgo = (days: number, hour = 10) =>
    new Date(`${addDays(today, -days)}T${String(hour).padStart(2, '0')}:00:00Z`);
  const people = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(
      inArray(users.email, [
        'ib@demo.passend.test',
        'gedragswetenschapper@demo.passend.test',
        'begeleider@demo.passend.test',
        'leerkracht@demo.passend.test',
      ]),
    );
  const idOf = (email: string) => people.find((person) => person.email === email)?.id ?? null;
  const actors = {
    ib: idOf('ib@demo.passend.test'),
    contact: idOf('gedragswetenschapper@demo.passend.test'),
    adviser: idOf('begeleider@demo.passend.test'),
    teacher: idOf('leerkracht@demo.passend.test'),
  };
  const [school] = await db.select({ id: locations.id }).from(locations).where(eq(locations.brin, '27XA'));
  if (!school || !actors.ib) throw new Error('demo school or IB missing');
  const schoolYear = schoolYearOf(today);
  await db.insert(requestCounters).values({ tenantId, schoolYear, lastNumber: demoRequests.length });

  for (const [index, demo] of demoRequests.entries()) {
    const submitted = demo.steps[0];
    const last = demo.steps.at(-1);
    const [request] = await db
      .insert(supportRequests)
      .values({
        tenantId,
        locationId: school.id,
        reference: `HV-${schoolYear}-${String(index + 1).padStart(4, '0')}`,
        schoolYear,
        idempotencyKey: crypto.randomUUID(),
        status: demo.status,
        statusBeforePause: demo.status === 'paused' ? 'in_progress' : null,
        consentStatus: !demo.pupil
          ? 'not_needed'
          : demo.status === 'paused'
            ? 'withdrawn'
            : demo.status === 'in_progress'
              ? 'complete'
              : 'pending',
        type: demo.type,
        question: demo.question,
        triedInBasicSupport: demo.tried || null,
        hopedOutcome: demo.hoped || null,
        teacherName: demo.teacher ?? null,
        teacherUserId: demo.teacherAccount ? actors.teacher : null,
        groupName: demo.group ?? null,
        asksDirectPupilSupport: demo.asksDirectPupilSupport ?? (demo.status === 'draft' ? null : false),
        pupilGroup: demo.pupil?.group ?? null,
        assignedUserId: demo.assignee ? actors[demo.assignee] : null,
        createdByUserId: actors.ib,
        outcome: demo.outcome ?? null,
        refusalReason: demo.status === 'refused' ? (last?.[4] ?? null) : null,
        submittedAt: submitted ? daysAgo(submitted[2]) : null,
        closedAt: ['closed', 'refused', 'withdrawn'].includes(demo.status) && last ? daysAgo(last[2]) : null,
        createdAt: daysAgo((submitted?.[2] ?? 1) + 1),
        updatedAt: last ? daysAgo(last[2], 11) : daysAgo(1),
      })
      .returning({ id: supportRequests.id });
    if (!request) throw new Error('insert returned nothing');
    const personIds: string[] = [];
    let pupilId: string | null = null;
    if (demo.pupil) {
      const [pupil] = await db
        .insert(requestPeople)
        .values({
          tenantId,
          requestId: request.id,
          kind: 'pupil',
          name: demo.pupil.name,
          email: demo.pupil.email,
          birthDate: demo.pupil.birthDate ?? null,
          position: 0,
        })
        .returning({ id: requestPeople.id });
      pupilId = pupil?.id ?? null;
    }
    for (const [position, parent] of (demo.parents ?? []).entries()) {
      const [row] = await db
        .insert(requestPeople)
        .values({
          tenantId,
          requestId: request.id,
          kind: 'parent',
          name: parent.name,
          email: parent.email,
          phone: '06 12345678',
          hasAuthority: parent.hasAuthority ?? true,
          position: position + 1,
        })
        .returning({ id: requestPeople.id });
      personIds.push(row?.id ?? '');
    }
    const personAt = (personIndex: number) => (personIndex === -1 ? pupilId : personIds[personIndex]) ?? '';
    for (const personIndex of demo.asked ?? []) {
      // A link nobody holds: the demo shows "link sent" without a usable token.
      await db.insert(consentLinks).values({
        tenantId,
        requestId: request.id,
        personId: personAt(personIndex),
        tokenHash: createHash('sha256').update(randomBytes(32)).digest('base64url'),
        expiresAt: new Date(daysAgo(3).getTime() + 14 * 24 * 60 * 60 * 1000),
        sentByUserId: actors.ib,
        createdAt: daysAgo(3),
      });
    }
    for (const [personIndex, decision, ago] of demo.consent ?? []) {
      await db.insert(consentRecords).values({
        tenantId,
        requestId: request.id,
        personId: personAt(personIndex),
        decision,
        method: 'digital',
        decidedOn: addDays(today, -ago),
        recordedAt: daysAgo(ago, 19),
        textVersion: personIndex === -1 ? consentTextVersions.pupil : consentTextVersions.parent,
      });
    }
    let from: RequestStatus = 'draft';
    for (const [transition, to, ago, by, reason] of demo.steps) {
      await db.insert(requestEvents).values({
        tenantId,
        requestId: request.id,
        transition,
        fromStatus: from,
        toStatus: to,
        actorUserId: by ? actors[by] : null,
        reason: reason ?? null,
        at: new Date(
          daysAgo(ago).getTime() + demo.steps.findIndex((step) => step[0] === transition) * 60_000,
        ),
      });
      from = to;
    }
    for (const [by, kind, ago, body] of demo.messages ?? []) {
      const author = actors[by];
      if (author)
        await db.insert(requestMessages).values({
          tenantId,
          requestId: request.id,
          kind,
          body,
          authorUserId: author,
          createdAt: daysAgo(ago, 14),
        });
    }
  }
}
