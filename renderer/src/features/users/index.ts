import { IconUsers } from '@tabler/icons-react';
import { createElement } from 'react';
import type { NavEntry } from '../../app/nav';
import { UsersArea } from './UsersArea';

export { UsersArea };
export { PasswordRequirements, passwordAcceptable } from './PasswordRequirements';
export { useSecurityPolicy } from './api';

export const usersNav: NavEntry = {
  key: 'users',
  path: '/users',
  icon: IconUsers,
  labelKey: 'app:nav.users',
  element: createElement(UsersArea),
};
