import 'i18next';
import type attendance from '../modules/attendance/i18n/nl.json';
import type expertisePoints from '../modules/expertise-points/i18n/nl.json';
import type home from '../modules/home/i18n/nl.json';
import type hours from '../modules/hours/i18n/nl.json';
import type meetings from '../modules/meetings/i18n/nl.json';
import type opp from '../modules/opp/i18n/nl.json';
import type privacy from '../modules/privacy/i18n/nl.json';
import type publicPages from '../modules/public-pages/i18n/nl.json';
import type pupilRecords from '../modules/pupil-records/i18n/nl.json';
import type pupils from '../modules/pupils/i18n/nl.json';
import type reports from '../modules/reports/i18n/nl.json';
import type requests from '../modules/requests/i18n/nl.json';
import type retention from '../modules/retention/i18n/nl.json';
import type schools from '../modules/schools/i18n/nl.json';
import type subjectAccess from '../modules/subject-access/i18n/nl.json';
import type team from '../modules/team/i18n/nl.json';
import type trajectories from '../modules/trajectories/i18n/nl.json';
import type nl from './nl.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: {
      translation: typeof nl;
      schools: typeof schools;
      team: typeof team;
      expertisePoints: typeof expertisePoints;
      publicPages: typeof publicPages;
      requests: typeof requests;
      hours: typeof hours;
      meetings: typeof meetings;
      trajectories: typeof trajectories;
      opp: typeof opp;
      attendance: typeof attendance;
      pupilRecords: typeof pupilRecords;
      pupils: typeof pupils;
      privacy: typeof privacy;
      retention: typeof retention;
      reports: typeof reports;
      subjectAccess: typeof subjectAccess;
      home: typeof home;
    };
  }
}
