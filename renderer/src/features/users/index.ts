export { UsersArea } from './UsersArea';
export { PasswordRequirements, passwordAcceptable } from './PasswordRequirements';
export { useSecurityPolicy } from './api';
