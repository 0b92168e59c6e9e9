import type { SameShape } from '../locale-shape';
import type de from './de';

const en: SameShape<typeof de> = {
  actions: {
    cancel: 'Cancel',
    close: 'Close',
    save: 'Save',
    delete: 'Delete',
    edit: 'Edit',
    retry: 'Try again',
    back: 'Back',
  },
  colorPicker: {
    saturation: 'Saturation',
    hue: 'Hue',
    alpha: 'Opacity',
    eyeDropper: 'Pick a colour from the screen',
  },
  language: {
    label: 'Language',
    de: 'Deutsch',
    en: 'English',
  },
  environment: {
    prod: 'Production',
    test: 'Test',
    dev: 'Development',
  },
  track: {
    silent: 'Silent Track',
    steady: 'Steady Track',
  },
  supportPackage: {
    starter: 'Starter',
    advanced: 'Advanced',
    professional: 'Professional',
    premium: 'Premium',
  },
  loading: 'Loading …',
  conflict: {
    title: 'Someone else has changed this item in the meantime',
    intro: 'Your change was not saved. Compare both versions and decide which one applies. Differing fields are highlighted.',
    field: 'Field',
    mine: 'Your version',
    theirs: 'Current version on the portal',
    differs: 'differs',
    missing: '(not present)',
    differences_one: '{{count}} field differs',
    differences_other: '{{count}} fields differ',
    keepMine: 'Save my version',
    takeTheirs: 'Take the current version',
  },
  errors: {
    technicalDetail: 'Technical detail: {{message}}',
    validationItem: '{{path}}: {{message}}',
    validationRoot: '(whole input)',
    pinExpected: 'Pinned: {{pin}}',
    pinBackup: 'Backup pin: {{pin}}',
    pinActual: 'Pin of the presented certificate: {{pin}}',
    VALIDATION: {
      title: 'Invalid input',
      message: 'Some entries are not valid. Please correct the fields listed; what you typed is kept.',
    },
    NOT_FOUND: {
      title: 'Not found',
      message: 'The item does not exist (any more). It may have been deleted in the meantime.',
    },
    CONFLICT: {
      title: 'Conflict',
      message: 'The change conflicts with existing data, for example the name is already taken.',
    },
    PRECONDITION_FAILED: {
      title: 'Changed in the meantime',
      message: 'Someone else changed this item after you opened it. Nothing was overwritten; compare both versions.',
    },
    PRECONDITION_REQUIRED: {
      title: 'Version missing',
      message: 'The portal requires the item’s version (If-Match) for changes. Reload the item and try again.',
    },
    INVALID_CREDENTIALS: {
      title: 'Sign-in failed',
      message: 'The login or password is wrong.',
      activationCodeExpired: 'This activation code has expired (codes are valid for {{days}} days). Ask an administrator for a new one.',
    },
    ACCOUNT_LOCKED: {
      title: 'Account locked',
      message: 'The account is temporarily locked after too many failed attempts.',
      messageUntil: 'The account is locked after too many failed attempts until {{until, datetime}}.',
    },
    PASSWORD_CHANGE_REQUIRED: {
      title: 'Password change required',
      message: 'You have to change your password before you can continue.',
    },
    FORBIDDEN: {
      title: 'Not permitted',
      message: 'Your account may not perform this action on the portal.',
    },
    READ_ONLY: {
      title: 'Read-only',
      message: 'This portal is open read-only: the console sends no changes to it. Sign in without “read-only” to make changes.',
    },
    NOT_SIGNED_IN: {
      title: 'Not signed in',
      message: 'Please sign in to a portal first.',
    },
    SESSION_EXPIRED: {
      title: 'Session expired',
      message: 'Your session has expired. Please sign in again.',
    },
    RATE_LIMITED: {
      title: 'Too many requests',
      message: 'The portal does not accept more requests right now. Please wait a moment.',
      messageRetry_one: 'The portal does not accept more requests right now. Please try again in {{count}} second.',
      messageRetry_other: 'The portal does not accept more requests right now. Please try again in {{count}} seconds.',
    },
    UNREACHABLE: {
      title: 'Unreachable',
      message: 'The connection could not be established. Check the address, the network and whether the portal is running.',
    },
    TIMEOUT: {
      title: 'Timed out',
      message: 'The portal did not answer in time. Please try again.',
    },
    TLS_ERROR: {
      title: 'Secure connection failed',
      message: 'The TLS connection to the portal failed. No credentials were sent.',
    },
    TLS_UNTRUSTED: {
      title: 'Certificate not trusted yet',
      message: 'No certificate is pinned for this profile yet. Check the certificate and trust it before you sign in.',
    },
    PIN_MISMATCH: {
      title: 'Certificate does not match the pin',
      message: 'The portal presents a different certificate than the pinned one. The connection was blocked and no credentials were sent. This may be a certificate renewal, but also an attack. Confirm the new pin with the operator before re-pinning.',
    },
    SERVER_ERROR: {
      title: 'Portal error',
      message: 'The portal could not process the request because of an internal error. What you typed is kept.',
    },
    MALFORMED_RESPONSE: {
      title: 'Unexpected answer',
      message: 'The answer does not have the expected format. The portal and console versions may not fit together.',
    },
    PAYLOAD_TOO_LARGE: {
      title: 'Too large',
      message: 'The data sent is too large for the portal. Make attachments smaller, for example.',
    },
    KEYCHAIN_UNAVAILABLE: {
      title: 'Keychain unavailable',
      message: 'The system keychain is not available. Passwords cannot be saved; they are never stored in plain text.',
    },
    UNKNOWN_CHANNEL: {
      title: 'Function not available',
      message: 'This function is not supported by this console version.',
    },
    INTERNAL: {
      title: 'Internal error',
      message: 'An unexpected error occurred in the console.',
    },
  },
};

export default en;
