import type { AccessGraph, ApplicationRightsDoc, PrincipalRef } from '../portal-api/rights';
import { evaluateAccess, type AccessLevel, type ApplicationRights, type PrincipalGraph } from './access';

/**
 * The console's explainer: runs `evaluateAccess` (the function the portal enforces with) on the payloads
 * the portal serves (a principal's upward membership graph and an application's rights) and names every step.
 */

export interface ExplainedContribution {
  principal: PrincipalRef;
  level: AccessLevel;
  /** The membership path from the principal explained to the entry's principal (both included). */
  path: PrincipalRef[];
  winning: boolean;
}

export interface AccessExplanation {
  applicationId: string;
  applicationName: string;
  principal: PrincipalRef;
  level: AccessLevel;
  source: 'entry' | 'default';
  defaultLevel: AccessLevel;
  /** Entries that apply, in the order of the rights table. */
  contributions: ExplainedContribution[];
  /** Entries that do not reach the principal. */
  notApplying: { principal: PrincipalRef; level: AccessLevel }[];
}

export function toPrincipalGraph(graph: AccessGraph): PrincipalGraph {
  return {
    principals: graph.principals.map(({ id, kind, name }) => ({ id, kind, name })),
    memberships: graph.memberships,
  };
}

export function toApplicationRights(doc: ApplicationRightsDoc): ApplicationRights {
  return {
    applicationId: doc.applicationId,
    defaultLevel: doc.defaultLevel,
    entries: doc.entries.map((entry) => ({ principalId: entry.principal.id, level: entry.level })),
  };
}

export function explainAccess(graph: AccessGraph, doc: ApplicationRightsDoc): AccessExplanation {
  const rights = toApplicationRights(doc);
  const evaluation = evaluateAccess(toPrincipalGraph(graph), rights, graph.principalId);
  const refs = new Map(graph.principals.map((ref) => [ref.id, ref]));
  const refOf = (id: string): PrincipalRef => refs.get(id) ?? { id, kind: 'group', name: id };
  const applying = new Set(evaluation.contributions.map((contribution) => contribution.entry));
  const contributions = evaluation.contributions.map((contribution) => {
    const view = doc.entries[rights.entries.indexOf(contribution.entry)];
    return {
      principal: view?.principal ?? refOf(contribution.entry.principalId),
      level: contribution.entry.level,
      path: contribution.path.map(refOf),
      winning: contribution === evaluation.winning,
    };
  });
  return {
    applicationId: doc.applicationId,
    applicationName: doc.applicationName,
    principal: refOf(graph.principalId),
    level: evaluation.level,
    source: evaluation.source,
    defaultLevel: doc.defaultLevel,
    contributions,
    notApplying: doc.entries.filter((_, index) => !applying.has(rights.entries[index]!)),
  };
}
