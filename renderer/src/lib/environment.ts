import type { Environment } from '../../../common/portal-api/common';

/** prod red, test orange, dev teal: the same colour wherever an environment shows. */
export const environmentColor: Record<Environment, string> = {
  prod: 'red',
  test: 'orange',
  dev: 'teal',
};
