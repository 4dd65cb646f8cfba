import { createHash, randomBytes } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { consentTextVersions } from '../../contracts/requests.ts';
import { addDays, amsterdamInstant, schoolYearOf } from '../../contracts/school-year.ts';
import { queryRows, type Transaction } from '../db/client.ts';
import { meetingActionItems, meetingParticipants, meetings } from '../modules/meetings/meetings.schema.ts';
import {
  consentLinks,
  consentRecords,
  requestCounters,
  requestEvents,
  requestPeople,
  supportRequests,
} from '../modules/requests/requests.schema.ts';
import { locations } from '../modules/schools/schools.schema.ts';
import { deadlineOf } from '../modules/subject-access/subject-access.rules.ts';
import { subjectRequests } from '../modules/subject-access/subject-access.schema.ts';
import { roleAssignments, users } from '../platform/auth/auth.schema.ts';
import type { Clock } from '../platform/kernel/clock.ts';

const day = 24 * 60 * 60 * 1000;

/**
 * What the start page "Mijn werk" shows each demo role beyond the modules' own demo data (issue 16):
 * consent that waits, expired and refused at OBS De Regenboog, a past SOT meeting there still to record
 * with action items due, an open invitation for the functional admin and a data-subject request for
 * the privacy officer. Fictional and dated from the seed's clock, so it looks right on any day.
 */
export async function seedDemoMyWork(
  transaction: Transaction,
  tenantId: string,
  clock: Clock,
): Promise<void> {
  const { db } = transaction;
  const now = clock.now();
  const today = clock.today();
  const ago = (days: number) => new Date(now.getTime() - days * day);
  const people = await db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(
      inArray(users.email, [
        'ib@demo.passend.test',
        'gedragswetenschapper@demo.passend.test',
        'privacy@demo.passend.test',
      ]),
    );
  const person = (email: string) => {
    const found = people.find((candidate) => candidate.email === email);
    if (!found) throw new Error(`demo user ${email} missing`);
    return found;
  };
  const ib = person('ib@demo.passend.test');
  const contact = person('gedragswetenschapper@demo.passend.test');
  const privacy = person('privacy@demo.passend.test');
  const [school] = await db.select({ id: locations.id }).from(locations).where(eq(locations.brin, '27XA'));
  const [secondary] = await db
    .select({ id: locations.id })
    .from(locations)
    .where(and(eq(locations.brin, '20VB'), eq(locations.locationCode, '00')));
  if (!school) throw new Error('demo school missing');

  // Consent at the IB's school: waiting for more than 14 days (the first link expired, a new one is
  // out), a link that expired unanswered, and a refusal.
  const schoolYear = schoolYearOf(today);
  const [counter] = await db
    .update(requestCounters)
    .set({ lastNumber: sql`${requestCounters.lastNumber} + 3` })
    .where(eq(requestCounters.schoolYear, schoolYear))
    .returning({ lastNumber: requestCounters.lastNumber });
  let number = (counter?.lastNumber ?? 3) - 3;
  const consentCases = [
    {
      pupil: 'Mila de Graaf',
      group: 'groep 3',
      parent: 'Joyce de Graaf',
      question: 'Mila komt moeilijk tot lezen en trekt zich terug. Wat heeft zij nodig in de klas?',
      links: [
        { sentDaysAgo: 20, expiresDaysAgo: 6 },
        { sentDaysAgo: 4, expiresDaysAgo: -10 },
      ],
      consent: null,
    },
    {
      pupil: 'Finn Kuipers',
      group: 'groep 8',
      parent: 'Marco Kuipers',
      question:
        'Finn loopt vast bij rekenen en raakt daardoor gefrustreerd. Hoe kan de leerkracht hem helpen?',
      links: [{ sentDaysAgo: 17, expiresDaysAgo: 3 }],
      consent: null,
    },
    {
      pupil: 'Julia Hoekstra',
      group: 'groep 6',
      parent: 'Saskia Hoekstra',
      question: 'Julia is vaak afwezig met haar gedachten. Welke aanpak past bij haar?',
      links: [],
      consent: { decision: 'refused' as const, daysAgo: 5 },
    },
  ];
  for (const demo of consentCases) {
    number += 1;
    const submittedDaysAgo = Math.max(...demo.links.map((link) => link.sentDaysAgo), 8) + 1;
    const [request] = await db
      .insert(supportRequests)
      .values({
        tenantId,
        locationId: school.id,
        reference: `HV-${schoolYear}-${String(number).padStart(4, '0')}`,
        schoolYear,
        idempotencyKey: crypto.randomUUID(),
        status: 'submitted',
        consentStatus: demo.consent ? 'refused' : 'pending',
        type: 'pupil_advice',
        question: demo.question,
        triedInBasicSupport: 'Extra instructie aan de instructietafel en een gesprek met de ouders.',
        hopedOutcome: 'Handelingsadviezen voor de leerkracht.',
        asksDirectPupilSupport: false,
        pupilGroup: demo.group,
        createdByUserId: ib.id,
        submittedAt: ago(submittedDaysAgo),
        createdAt: ago(submittedDaysAgo + 1),
        updatedAt: ago(submittedDaysAgo),
      })
      .returning({ id: supportRequests.id });
    if (!request) throw new Error('insert returned nothing');
    await db.insert(requestPeople).values({
      tenantId,
      requestId: request.id,
      kind: 'pupil',
      name: demo.pupil,
      birthDate: addDays(today, -Math.round(9 * 365.25)),
      position: 0,
    });
    const [parent] = await db
      .insert(requestPeople)
      .values({
        tenantId,
        requestId: request.id,
        kind: 'parent',
        name: demo.parent,
        email: `${demo.parent.toLowerCase().replaceAll(' ', '.')}@example.nl`,
        hasAuthority: true,
        position: 1,
      })
      .returning({ id: requestPeople.id });
    if (!parent) throw new Error('insert returned nothing');
    await db.insert(requestEvents).values({
      tenantId,
      requestId: request.id,
      transition: 'submit',
      fromStatus: 'draft',
      toStatus: 'submitted',
      actorUserId: ib.id,
      at: ago(submittedDaysAgo),
    });
    // A link nobody holds: the demo shows "link sent" without a usable token.
    for (const link of demo.links)
      await db.insert(consentLinks).values({
        tenantId,
        requestId: request.id,
        personId: parent.id,
        tokenHash: createHash('sha256').update(randomBytes(32)).digest('base64url'),
        expiresAt: ago(link.expiresDaysAgo),
        sentByUserId: ib.id,
        createdAt: ago(link.sentDaysAgo),
      });
    if (demo.consent)
      await db.insert(consentRecords).values({
        tenantId,
        requestId: request.id,
        personId: parent.id,
        decision: demo.consent.decision,
        method: 'paper',
        decidedOn: addDays(today, -demo.consent.daysAgo),
        recordedAt: ago(demo.consent.daysAgo),
        textVersion: consentTextVersions.parent,
      });
  }

  // A SOT meeting of the IB's school that is over and not yet recorded, with two open action items due
  // this week: the contact person's and the IB's. A week ago, or early on the school year's first day.
  const yearStart = `${schoolYear}-08-01`;
  const meetingDate = addDays(today, -7) >= yearStart ? addDays(today, -7) : yearStart;
  const [sot] = await db
    .insert(meetings)
    .values({
      tenantId,
      locationId: school.id,
      kind: 'sot',
      status: 'planned',
      schoolYear: schoolYearOf(meetingDate),
      startsAt: amsterdamInstant(meetingDate, '08:00'),
      endsAt: amsterdamInstant(meetingDate, '08:45'),
      place: 'Kamer van de IB',
      agenda: 'Nieuwe zorgen uit de groepen; de hulpvragen die wachten op toestemming.',
      createdByUserId: ib.id,
    })
    .returning({ id: meetings.id });
  if (!sot) throw new Error('insert returned nothing');
  await db.insert(meetingParticipants).values([
    { tenantId, meetingId: sot.id, userId: contact.id, name: contact.name, role: 'contact_person' },
    { tenantId, meetingId: sot.id, userId: ib.id, name: ib.name, role: 'internal_coordinator' },
  ]);
  await db.insert(meetingActionItems).values([
    {
      tenantId,
      meetingId: sot.id,
      description: 'Observatie in groep 3 inplannen',
      ownerUserId: contact.id,
      ownerName: contact.name,
      dueDate: addDays(today, 3),
    },
    {
      tenantId,
      meetingId: sot.id,
      description: 'Ouders van groep 6 uitnodigen voor een gesprek',
      ownerUserId: ib.id,
      ownerName: ib.name,
      dueDate: addDays(today, 2),
    },
  ]);

  // An invitation not accepted yet: a new mentor at the Rijnstroom, without a link anyone holds.
  const [invited] = await db
    .insert(users)
    .values({ tenantId, email: 'daan.verbeek@demo.passend.test', name: 'Daan Verbeek', status: 'invited' })
    .returning({ id: users.id });
  if (!invited) throw new Error('insert returned nothing');
  await db
    .insert(roleAssignments)
    .values({ tenantId, userId: invited.id, role: 'mentor', locationId: secondary?.id ?? null });

  // A parent asks to see what is held about a pupil (P5): received, to be taken up by the privacy officer.
  const [nameKey] = await queryRows<{ key: string }>(
    db,
    sql`select passend_name_key(${'Lisa Bosman'}) as key`,
  );
  const receivedOn = addDays(today, -2);
  await db.insert(subjectRequests).values({
    tenantId,
    kind: 'access',
    pupilName: 'Lisa Bosman',
    nameKey: nameKey?.key ?? '',
    birthDate: addDays(addDays(today, -Math.round(8 * 365.25)), -40),
    locationId: school.id,
    requesterName: 'Karin Bosman',
    requesterRelation: 'parent',
    requesterContact: 'karin.bosman@example.nl',
    reason: 'Moeder wil weten welke gegevens over haar dochter zijn vastgelegd.',
    receivedOn,
    deadlineOn: deadlineOf(receivedOn),
    createdByUserId: privacy.id,
    createdAt: ago(2),
  });
}
