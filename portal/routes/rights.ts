import { applicationRightsRoutes } from '../rights/application-routes';
import { orgUnitRoutes } from '../rights/org-unit-routes';
import { principalRoutes } from '../rights/principal-routes';
import type { FeatureRoutes } from './types';

/** Groups, roles, distribution lists, application rights, function permissions, org structure. */
export const rightsRoutes: FeatureRoutes = async (app) => {
  await app.register(principalRoutes);
  await app.register(applicationRightsRoutes);
  await app.register(orgUnitRoutes);
};

export default rightsRoutes;
