export const firstNames = [
  'Anna', 'Lukas', 'Sophie', 'Maximilian', 'Marie', 'Jonas', 'Laura', 'Felix', 'Julia', 'Leon',
  'Lena', 'Paul', 'Katharina', 'Tobias', 'Sarah', 'Sebastian', 'Hannah', 'Florian', 'Lea', 'Jan',
  'Johanna', 'Niklas', 'Franziska', 'Moritz', 'Christina', 'Stefan', 'Sabine', 'Andreas', 'Petra', 'Thomas',
  'Claudia', 'Michael', 'Birgit', 'Jürgen', 'Ute', 'Matthias', 'Jörg', 'Susanne', 'Björn', 'Käthe',
] as const;

export const lastNames = [
  'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann',
  'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann',
  'Braun', 'Krüger', 'Hofmann', 'Hartmann', 'Lange', 'Schmitt', 'Werner', 'Schmitz', 'Krause', 'Meier',
  'Lehmann', 'Schmid', 'Schulze', 'Maier', 'Köhler', 'Herrmann', 'König', 'Walter', 'Mayer', 'Huber',
  'Kaiser', 'Fuchs', 'Peters', 'Lang', 'Scholz', 'Möller', 'Weiß', 'Jung', 'Hahn', 'Vogel',
] as const;

/** Colleagues from abroad who work in English. */
export const englishSpeakers = [
  { first: 'Emily', last: 'Clarke' },
  { first: 'James', last: 'O’Connor' },
  { first: 'Olivia', last: 'Bennett' },
] as const;

const TRANSLITERATION: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', '’': '', "'": '' };

/** `Jürgen Weiß` -> `juergen.weiss` (logins and mailbox names are ASCII). */
export function loginOf(first: string, last: string): string {
  const ascii = (name: string) =>
    name
      .toLowerCase()
      .replace(/[äöüß’']/g, (char) => TRANSLITERATION[char] ?? '')
      .normalize('NFD')
      .replace(/[^a-z-]/g, '');
  return `${ascii(first)}.${ascii(last)}`;
}
