import { sql } from 'drizzle-orm';
import { addDays, amsterdamInstant } from '../../../contracts/school-year.ts';
import { queryRows, type Transaction } from '../../db/client.ts';
import type { Clock } from '../../platform/kernel/clock.ts';
import { oppEvaluations, oppVersions } from '../trajectories/trajectories.schema.ts';

type DemoPlan = {
  exitDestination: string;
  exitReasons: string;
  hinderingFactors: string;
  supportingFactors: string;
  support: Array<{ goal: string; approach: string; who: string; frequency: string }>;
  independentWorkAgreement: string;
  homeworkAgreement: string;
  curriculumDeviations: string;
  parentsView: string;
  pupilView: string;
};

// Fictional plans; the first two belong to the demo's Noah and Mila, the others are used in turn.
const plans: DemoPlan[] = [
  {
    exitDestination: 'mbo niveau 3, richting ICT',
    exitReasons:
      'Haalt voldoendes bij de praktische vakken en werkt graag met computers. Drukke lessen kosten veel energie; met rustmomenten houdt hij het tempo van de klas bij.',
    hinderingFactors: 'Raakt snel overprikkeld bij drukte en onverwachte veranderingen in het rooster.',
    supportingFactors: 'Gemotiveerd, houdt van duidelijke afspraken, goede band met de mentor.',
    support: [
      {
        goal: 'De hele lesdag op school blijven',
        approach: 'Time-outkaart: tien minuten naar het expertisepunt als het te druk wordt',
        who: 'Docent vso en vakdocenten',
        frequency: 'Wanneer nodig, hooguit twee keer per dag',
      },
      {
        goal: 'Roosterwijzigingen zonder paniek opvangen',
        approach: 'Elke ochtend samen de dag doornemen',
        who: 'Docent vso',
        frequency: 'Dagelijks, 8.15 uur',
      },
    ],
    independentWorkAgreement:
      'Mag tijdens toetsweken en bij lesuitval zelfstandig werken op het expertisepunt, met een eigen werkplek.',
    homeworkAgreement: 'Op maandag en donderdag het 8e uur huiswerk plannen en maken op het expertisepunt.',
    curriculumDeviations: 'Lichamelijke opvoeding in een kleinere groep.',
    parentsView: 'Ouders zijn blij met de vaste plek en de korte lijnen met de mentor.',
    pupilView: 'Ik vind het fijn dat ik even weg kan als het te veel wordt. Ik wil mijn diploma halen.',
  },
  {
    exitDestination: 'havo, daarna hbo',
    exitReasons: 'Cijfers op havoniveau; door ziekteverzuim loopt zij achter bij enkele vakken.',
    hinderingFactors: 'Chronische vermoeidheid (medisch), waardoor zij niet elke dag alle lessen kan volgen.',
    supportingFactors: 'Zelfstandig, plant goed, steun van thuis.',
    support: [
      {
        goal: 'Achterstand bij wiskunde en Frans inhalen',
        approach: 'Weekplanning met inhaalmomenten, controle door de docent vso',
        who: 'Docent vso',
        frequency: 'Wekelijks',
      },
    ],
    independentWorkAgreement:
      'Mag bij vermoeidheid het laatste lesuur zelfstandig werken op het expertisepunt.',
    homeworkAgreement: 'Eén keer per week samen de planning van huiswerk en toetsen bijstellen.',
    curriculumDeviations: 'Vrijstelling voor het tweede uur lichamelijke opvoeding.',
    parentsView: 'Ouders willen vooral dat zij niet verder achterop raakt.',
    pupilView: 'Ik wil gewoon mee kunnen doen met mijn klas.',
  },
  {
    exitDestination: 'vmbo kaderberoepsgerichte leerweg, daarna mbo niveau 3',
    exitReasons: 'Werkt goed met zijn handen; taal en lezen vragen extra ondersteuning.',
    hinderingFactors: 'Boosheid bij conflicten met klasgenoten; dyslexie.',
    supportingFactors: 'Behulpzaam, sportief, komt op tijd.',
    support: [
      {
        goal: 'Conflicten zonder escalatie oplossen',
        approach: 'Kort gesprek na elk incident; afspraken op een kaart',
        who: 'Mentor en docent vso',
        frequency: 'Na elk incident',
      },
    ],
    independentWorkAgreement: 'Mag na een conflict afkoelen op het expertisepunt en daar het werk afmaken.',
    homeworkAgreement: 'Huiswerk voorlezen met voorleessoftware op het expertisepunt.',
    curriculumDeviations: 'Geen tweede moderne vreemde taal.',
    parentsView: 'Vader ziet thuis dezelfde boosheid en werkt graag mee aan dezelfde afspraken.',
    pupilView: 'Als ik boos ben wil ik even alleen zijn.',
  },
];

/**
 * The demo's OPPs (E9): an adopted OPP for every active trajectory, discussed with the parents; the
 * first has had its evaluation this school year, the second has a new draft version under way.
 * Eligible pupils (Sem) start without an OPP, so the browser test can draw one up. Dates are counted
 * from the clock's today.
 */
export async function seedDemoOpp(transaction: Transaction, tenantId: string, clock: Clock): Promise<void> {
  const rows = await queryRows<{
    id: string;
    location_id: string;
    pupil_first_name: string;
    mentor_user_id: string;
    vso_teacher_id: string | null;
    offers_homework_support: boolean | null;
  }>(
    transaction.db,
    sql`select t.id, t.location_id, t.pupil_first_name, t.mentor_user_id,
        (select r.user_id from role_assignments r where r.location_id = t.location_id and r.role = 'vso_teacher'
          order by r.created_at limit 1) as vso_teacher_id,
        (select e.offers_homework_support from expertise_points e where e.location_id = t.location_id)
          as offers_homework_support
      from trajectories t where t.status = 'active'
      order by case t.pupil_first_name when 'Noah' then 0 when 'Mila' then 1 else 2 end, t.created_at, t.id`,
  );
  const today = clock.today();
  for (const [index, trajectory] of rows.entries()) {
    const plan = plans[index % plans.length] as DemoPlan;
    const vsoTeacher = trajectory.vso_teacher_id ?? trajectory.mentor_user_id;
    const discussedOn = addDays(today, -40 - index);
    const adoptedAt = amsterdamInstant(discussedOn, '16:00');
    const content = {
      exitDestination: plan.exitDestination,
      exitReasons: plan.exitReasons,
      hinderingFactors: plan.hinderingFactors,
      supportingFactors: plan.supportingFactors,
      support: plan.support,
      independentWorkAgreement: plan.independentWorkAgreement,
      homeworkAgreement: trajectory.offers_homework_support ? plan.homeworkAgreement : null,
      curriculumDeviations: plan.curriculumDeviations,
      pupilView: plan.pupilView,
    };
    const [adopted] = await transaction.db
      .insert(oppVersions)
      .values({
        ...content,
        tenantId,
        trajectoryId: trajectory.id,
        version: 1,
        status: 'adopted',
        // The third and later pupils have a moment that has passed: their evaluation shows as due.
        evaluationDates: index >= 2 ? [addDays(today, -7)] : [addDays(today, 60 + index)],
        parentsDiscussedOn: discussedOn,
        parentsDiscussionParticipants: 'Ouders, mentor, docent vso',
        parentsView: plan.parentsView,
        parentsAgreement: 'agree',
        pupilView: plan.pupilView,
        createdByUserId: trajectory.mentor_user_id,
        createdAt: amsterdamInstant(addDays(discussedOn, -7), '10:00'),
        updatedAt: adoptedAt,
        adoptedAt,
        adoptedByUserId: trajectory.mentor_user_id,
      })
      .returning({ id: oppVersions.id });
    if (!adopted) continue;
    if (index === 0)
      await transaction.db.insert(oppEvaluations).values({
        tenantId,
        trajectoryId: trajectory.id,
        oppVersionId: adopted.id,
        evaluatedOn: addDays(today, -3),
        summary:
          'De time-outs nemen af: van dagelijks naar één à twee keer per week. De ochtendstart blijft nodig. Volgende evaluatie na de kerstvakantie.',
        evaluatedByUserId: vsoTeacher,
      });
    if (index === 1)
      await transaction.db.insert(oppVersions).values({
        ...content,
        tenantId,
        trajectoryId: trajectory.id,
        version: 2,
        status: 'draft',
        support: [
          ...plan.support,
          {
            goal: 'Weer volledig meedoen met lichamelijke opvoeding',
            approach: 'Opbouwschema in overleg met de docent LO',
            who: 'Docent LO',
            frequency: 'Twee keer per week',
          },
        ],
        evaluationDates: [addDays(today, 90)],
        createdByUserId: vsoTeacher,
      });
  }
}
