import { webModule as attendance } from '../modules/attendance/module.tsx';
import { webModule as expertisePoints } from '../modules/expertise-points/module.tsx';
import { webModule as hours } from '../modules/hours/module.tsx';
import { webModule as meetings } from '../modules/meetings/module.tsx';
import { webModule as opp } from '../modules/opp/module.tsx';
import { webModule as privacy } from '../modules/privacy/module.tsx';
import { webModule as publicPages } from '../modules/public-pages/module.tsx';
import { webModule as pupilRecords } from '../modules/pupil-records/module.tsx';
import { webModule as pupils } from '../modules/pupils/module.tsx';
import { webModule as reports } from '../modules/reports/module.tsx';
import { webModule as requests } from '../modules/requests/module.tsx';
import { webModule as retention } from '../modules/retention/module.tsx';
import { webModule as schools } from '../modules/schools/module.tsx';
import { webModule as subjectAccess } from '../modules/subject-access/module.tsx';
import { webModule as team } from '../modules/team/module.tsx';
import { webModule as trajectories } from '../modules/trajectories/module.tsx';
import type { WebModule } from './modules.ts';

/** Every domain module of the web app, in navigation order. */
export const webModules: WebModule[] = [
  requests,
  pupils,
  schools,
  team,
  hours,
  meetings,
  trajectories,
  attendance,
  pupilRecords,
  opp,
  expertisePoints,
  reports,
  publicPages,
  privacy,
  retention,
  subjectAccess,
];
