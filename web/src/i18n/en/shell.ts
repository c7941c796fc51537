import type { Messages } from '../zh-CN';

export const common: Messages['common'] = {
  appName: '管家 Guanjia',
  appShort: 'G',
  localeName: { 'zh-CN': '中文', en: 'English' },
  ok: 'OK',
  cancel: 'Cancel',
  save: 'Save',
  saved: 'Saved',
  create: 'New',
  edit: 'Edit',
  delete: 'Delete',
  view: 'View',
  viewAll: 'View all',
  query: 'Search',
  reset: 'Reset',
  more: 'More',
  less: 'Less',
  import: 'Import',
  export: 'Export',
  actions: 'Actions',
  status: 'Status',
  all: 'All',
  close: 'Close',
  copy: 'Copy',
  copied: 'Copied',
  retry: 'Retry',
  required: 'Required',
  backHome: 'Back to home',
  total_one: '{{count}} item in total',
  total: '{{count}} items in total',
  networkError: 'Cannot reach the server. Check the network and try again.',
  unknownError: 'Something went wrong. Please try again later.',
};

export const nav: Messages['nav'] = {
  home: 'Home',
  approvals: 'Approvals',
  notifications: 'Notifications',
  admin: 'Administration',
  org: 'Org units',
  users: 'Users',
  roles: 'Roles & permissions',
  audit: 'Audit log',
  settings: 'Settings',
};

export const shell: Messages['shell'] = {
  openMenu: 'Open menu',
  userMenu: 'User menu',
  actingScope: 'Acting as',
  ownUnit: 'Own unit',
  scopes: 'Scopes and roles',
  noScopes: 'No roles granted yet',
  moreScopes_one: '+{{count}} scope',
  moreScopes: '+{{count}} scopes',
  notificationsUnread_one: '{{count}} unread notification',
  notificationsUnread: '{{count}} unread notifications',
  switchTo: 'Switch to {{lang}}',
  logout: 'Sign out',
  loggedOut: 'Signed out',
};

export const errors: Messages['errors'] = {
  forbidden: 'You may not open this page. Ask the security admin to grant you access.',
  notFound: 'This page does not exist. Check the address or use the menu.',
};
