import type { SameShape } from '../../../lib/locale-shape';
import type de from './de';

const en: SameShape<typeof de> = {
  title: 'Transfer configuration',
  intro:
    'Security policy, function permissions, update settings, layouts, applications with their rights (by group name) and the org structure as one file – for example from the test portal to production. Users, memberships and rights of single users are not transferred.',
  export: {
    title: 'Export',
    description: "Saves this portal's configuration as a file (JSON with a checksum).",
    action: 'Export configuration',
    running: 'Reading the configuration …',
    saved: 'Saved as {{filename}}.',
  },
  import: {
    title: 'Import',
    description: 'Choose an exported file. You see every difference and choose what to apply; it is applied in one transaction, or not at all.',
    file: 'Configuration file',
    filePlaceholder: 'Choose a file …',
    reading: 'Checking the file and comparing it with this portal …',
    source: 'Exported from “{{portal}}” (version {{version}}) on {{date}}.',
    noDifferences: "No differences: this portal already has the file's configuration.",
    sectionNone: 'No differences',
    selectSection: 'Select all in “{{section}}”',
    removalNote: 'Removals are not preselected: they delete on this portal what the file does not hold.',
    fieldChanged: '{{field}}: {{before}} → {{after}}',
    fieldChangedComplex: '{{field}} changed',
    invalid: 'Cannot be applied: {{message}} ({{path}})',
    apply: 'Apply {{count}} selected changes',
    confirm: 'Apply {{count}} changes to “{{portal}}”? Everything is written in one transaction.',
    confirmYes: 'Yes, apply',
    cancel: 'Cancel',
    applying: 'Applying the changes in one transaction …',
    applied: '{{count}} changes applied.',
    appliedSection: '{{section}}: {{created}} new, {{changed}} changed, {{removed}} removed',
    skipped: '{{count}} rights entries left out (groups without a mapping).',
    another: 'Import another file',
    stale: 'The portal was changed since the preview; nothing was applied. Reload the preview.',
    refresh: 'Reload preview',
    planIssue: 'Not possible: {{message}}',
  },
  mapping: {
    title: 'Map groups',
    description:
      "The file's rights name groups, roles or distribution lists this portal does not have. Map each name to an existing one or leave its rights entries out. The import creates no groups.",
    target: 'Mapping for {{kind}} “{{name}}”',
    choose: 'Please choose',
    skip: 'Leave its rights entries out',
    undecided: '{{count}} names still without a mapping.',
  },
  kinds: {
    group: 'group',
    role: 'role',
    distribution_list: 'distribution list',
  },
  sections: {
    securityPolicy: 'Security policy',
    functionPermissions: 'Function permissions',
    updates: 'Update settings',
    layouts: 'Layouts',
    applications: 'Applications and rights',
    orgUnits: 'Org structure',
  },
  change: {
    created: 'new',
    changed: 'changed',
    removed: 'removed',
  },
  fileProblems: {
    not_json: 'The file is damaged: it is not complete JSON.',
    not_a_configuration: 'This is not a portal configuration file.',
    newer_schema: 'The file was made by a newer console/portal: schema {{schema}}, this supports {{supported}}.',
    checksum_mismatch: 'The file is damaged or was altered after export: its checksum does not match its content.',
    invalid_content: "The file's content is not valid at {{path}}.",
    tooLarge: 'The file is too large ({{size}} MiB; at most {{limit}} MiB).',
    nothingChanged: 'Nothing was changed.',
  },
};

export default en;
