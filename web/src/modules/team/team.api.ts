import { useQuery } from '@tanstack/react-query';
import type { TeamRole } from '../../../../contracts/roles.ts';
import {
  expertiseTagListSchema,
  type TeamMemberSummary,
  teamPageSchema,
} from '../../../../contracts/team.ts';
import { api, apiRequest, withQuery } from '../../app/api.ts';
import { type FieldIssue, moduleFieldMessage } from '../../app/forms.ts';

/** The query keys of the team module: the prefixes invalidate every page and detail below them. */
export const teamKeys = {
  /** Every team list, member and role list. */
  all: ['team'] as const,
  list: (filters: Record<string, string | number | undefined>) => ['team', 'list', filters] as const,
  member: (userId: string) => ['team', 'member', userId] as const,
  role: (teamRole: TeamRole) => ['team', 'role', teamRole] as const,
  expertiseTags: ['expertise-tags'] as const,
  /** Every pair list, history and school summary. */
  pairs: ['pairs'] as const,
  pairList: (filters: Record<string, string | number | undefined>) => ['pairs', 'list', filters] as const,
  pairsOfLocation: (locationId: string) => ['pairs', 'location', locationId] as const,
  pairHistory: (locationId: string) => ['pairs', 'history', locationId] as const,
};

/** PUT and DELETE through the one fetch helper. */
export const put = <T>(path: string, body: unknown, schema?: import('zod').ZodType<T>) =>
  apiRequest<T>('PUT', path, { body, schema });
export const remove = (path: string) => apiRequest('DELETE', path);

/** The message of a field: this module's catalogue first, then the shared one. */
export function teamFieldMessage(issue: FieldIssue): string {
  return moduleFieldMessage('team', issue);
}

/** The expertise tags (a short list). */
export function useExpertiseTags(enabled = true) {
  return useQuery({
    queryKey: teamKeys.expertiseTags,
    queryFn: ({ signal }) => api.get('/api/expertise-tags', expertiseTagListSchema, signal),
    enabled,
  });
}

/** Every member of one team role, for the pair pickers (a team is a dozen or so people). */
export function useTeamMembersOfRole(teamRole: TeamRole, enabled = true) {
  return useQuery({
    queryKey: teamKeys.role(teamRole),
    enabled,
    queryFn: async ({ signal }): Promise<TeamMemberSummary[]> => {
      const all: TeamMemberSummary[] = [];
      for (let page = 1; ; page += 1) {
        const result = await api.get(
          withQuery('/api/team', { page, pageSize: 100, teamRole, status: 'active' }),
          teamPageSchema,
          signal,
        );
        all.push(...result.items);
        if (result.items.length === 0 || all.length >= result.total) return all;
      }
    },
  });
}

/** "2026-2027". */
export function schoolYearLabel(year: number): string {
  return `${year}-${year + 1}`;
}

/** Hours with a decimal comma in Dutch. */
export function formatHours(hours: number, language: string): string {
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 2 }).format(
    hours,
  );
}
