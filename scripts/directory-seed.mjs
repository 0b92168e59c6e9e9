// Writes the test directory as LDIF to stdout (scripts/with-slapd.sh loads it with slapadd before slapd starts):
// dc=example,dc=test with a bind account, 10,000 people (inetOrgPerson plus the AD-style attributes of
// scripts/slapd/ad-schema.ldif: sAMAccountName, userPrincipalName, userAccountControl, department, memberOf)
// and 200 groups (groupOfNames) in three levels: 5 top groups hold 25 middle groups, which hold 170 leaf groups,
// which hold the people. Deterministic: the same input always gives the same directory.
// Usage: node scripts/directory-seed.mjs [users] [groups]
export const BASE_DN = 'dc=example,dc=test';
export const PEOPLE_DN = `ou=people,${BASE_DN}`;
export const GROUPS_DN = `ou=groups,${BASE_DN}`;
export const SYNC_ACCOUNT_DN = `cn=portal-sync,ou=services,${BASE_DN}`;
/** userAccountControl: NORMAL_ACCOUNT (0x200), plus ACCOUNTDISABLE (0x2) for every 97th person. */
const NORMAL_ACCOUNT = 512;
const ACCOUNT_DISABLE = 2;

const GIVEN = ['Anna', 'Bernd', 'Claudia', 'Dieter', 'Elke', 'Frank', 'Gabi', 'Hans', 'Ines', 'Jörg', 'Karin', 'Lukas', 'Maria', 'Norbert', 'Olga', 'Peter', 'Renate', 'Stefan', 'Tanja', 'Uwe'];
const FAMILY = ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Koch', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Krüger', 'Hofmann', 'Hartmann', 'Lange'];
export const DEPARTMENTS = ['Vertrieb', 'Einkauf', 'Buchhaltung', 'Personal', 'Entwicklung', 'Support', 'Marketing', 'Logistik', 'Recht', 'Produktion', 'Qualität', 'Verwaltung'];

export function userLogin(index) {
  return `user${String(index).padStart(5, '0')}`;
}

export function groupName(index) {
  if (index < 5) return `Bereich ${index + 1}`;
  if (index < 30) return `Abteilung ${index - 4}`;
  return `Team ${index - 29}`;
}

/** The directory's shape, also used by tests to know what to expect. */
export function directoryModel(userCount = 10_000, groupCount = 200) {
  const top = Math.min(5, groupCount);
  const middle = Math.min(25, Math.max(0, groupCount - top));
  const leaves = groupCount - top - middle;
  const groups = Array.from({ length: groupCount }, (_, index) => ({ name: groupName(index), dn: `cn=${groupName(index)},${GROUPS_DN}`, members: [], memberOf: [] }));
  const nest = (parent, child) => {
    groups[parent].members.push(groups[child].dn);
    groups[child].memberOf.push(groups[parent].dn);
  };
  for (let m = 0; m < middle; m += 1) nest(m % top, top + m);
  for (let l = 0; l < leaves; l += 1) nest(top + (l % middle), top + middle + l);
  const users = Array.from({ length: userCount }, (_, i) => {
    const index = i + 1;
    const login = userLogin(index);
    const given = GIVEN[i % GIVEN.length];
    const family = FAMILY[Math.floor(i / GIVEN.length) % FAMILY.length];
    return {
      login,
      dn: `uid=${login},${PEOPLE_DN}`,
      given,
      family,
      displayName: `${given} ${family} (${index})`,
      mail: `${login}@example.test`,
      department: DEPARTMENTS[i % DEPARTMENTS.length],
      disabled: index % 97 === 0,
      memberOf: [],
    };
  });
  if (leaves > 0) {
    users.forEach((user, i) => {
      const first = top + middle + (i % leaves);
      const targets = i % 5 === 0 ? [first, top + middle + ((i * 7 + 3) % leaves)] : [first];
      for (const target of new Set(targets)) {
        groups[target].members.push(user.dn);
        user.memberOf.push(groups[target].dn);
      }
    });
  }
  return { users, groups };
}

/** One LDIF line; values that are not plain ASCII go base64 (RFC 2849). */
function attr(name, value) {
  const text = String(value);
  return /^[\x20-\x7e]*$/.test(text) && !/^[ :<]/.test(text) ? `${name}: ${text}` : `${name}:: ${Buffer.from(text, 'utf8').toString('base64')}`;
}

function* ldif(model, syncPassword) {
  yield `dn: ${BASE_DN}\nobjectClass: top\nobjectClass: dcObject\nobjectClass: organization\ndc: example\no: Beispiel GmbH\n`;
  for (const ou of ['people', 'groups', 'services']) yield `dn: ou=${ou},${BASE_DN}\nobjectClass: organizationalUnit\nou: ${ou}\n`;
  yield `dn: ${SYNC_ACCOUNT_DN}\nobjectClass: applicationProcess\nobjectClass: simpleSecurityObject\ncn: portal-sync\nuserPassword: ${syncPassword}\n`;
  for (const user of model.users) {
    const lines = [
      `dn: ${user.dn}`,
      'objectClass: inetOrgPerson',
      'objectClass: adStyleUser',
      `uid: ${user.login}`,
      attr('cn', user.displayName),
      attr('sn', user.family),
      attr('givenName', user.given),
      attr('displayName', user.displayName),
      `mail: ${user.mail}`,
      `sAMAccountName: ${user.login}`,
      `userPrincipalName: ${user.mail}`,
      `userAccountControl: ${user.disabled ? NORMAL_ACCOUNT | ACCOUNT_DISABLE : NORMAL_ACCOUNT}`,
      attr('department', user.department),
      ...user.memberOf.map((dn) => `memberOf: ${dn}`),
    ];
    yield `${lines.join('\n')}\n`;
  }
  for (const group of model.groups) {
    // groupOfNames needs a member: an empty group holds its own DN, as OpenLDAP's documentation suggests.
    const members = group.members.length > 0 ? group.members : [group.dn];
    const lines = [`dn: ${group.dn}`, 'objectClass: groupOfNames', 'objectClass: adStyleGroup', `cn: ${group.name}`, `sAMAccountName: ${group.name}`];
    yield `${[...lines, ...members.map((dn) => `member: ${dn}`), ...group.memberOf.map((dn) => `memberOf: ${dn}`)].join('\n')}\n`;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const users = Number(process.argv[2] ?? 10_000);
  const groups = Number(process.argv[3] ?? 200);
  const password = process.env.LDAP_SEED_SYNC_PASSWORD ?? 'sync-password';
  const out = [];
  for (const entry of ldif(directoryModel(users, groups), password)) out.push(entry);
  process.stdout.write(out.join('\n'));
}
