export { RightsPage } from './RightsPage';
