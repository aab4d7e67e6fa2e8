/**
 * How each verdict is shown: word, icon and colour together (never colour alone).
 * Plain TS (no Preact) so the content script can use it without pulling in UI code.
 */
import type { Verdict } from '../lib/model/report';

export interface VerdictMeta {
  /** Short word(s) shown next to the icon. */
  label: string;
  /** A text symbol; decorative (the label carries the meaning). */
  icon: string;
  /** Foreground colour (AA contrast on white). */
  colour: string;
  /** Tinted background for badges. */
  background: string;
  /** One line for a tooltip or screen readers. */
  description: string;
}

export const VERDICT_META: Record<Verdict, VerdictMeta> = {
  verified: {
    label: 'Verified',
    icon: '✔',
    colour: '#1e6b30',
    background: '#e3f4e7',
    description: 'Authentic, issued by an issuer on your trust lists, not revoked and valid.',
  },
  'verified-untrusted': {
    label: 'Authentic, issuer not on your lists',
    icon: '✔',
    colour: '#1a4f9c',
    background: '#e4edfb',
    description: 'The credential is authentic, but no trust list you use names its issuer.',
  },
  expired: {
    label: 'Expired',
    icon: '⌛',
    colour: '#7a4d00',
    background: '#fcf0d6',
    description: 'Authentic, but outside its validity period.',
  },
  revoked: {
    label: 'Revoked',
    icon: '⊘',
    colour: '#a1221a',
    background: '#fbe5e3',
    description: 'Authentic, but the issuer has revoked it.',
  },
  invalid: {
    label: 'Invalid',
    icon: '✖',
    colour: '#a1221a',
    background: '#fbe5e3',
    description: 'Tampered with, or its proof does not match.',
  },
  unverifiable: {
    label: 'Could not verify',
    icon: '?',
    colour: '#4a4f55',
    background: '#eceef0',
    description: 'CredLens could not check it; the report says why.',
  },
};

export const WAITING_META: VerdictMeta = {
  label: 'Not checked yet',
  icon: '?',
  colour: '#4a4f55',
  background: '#eceef0',
  description: 'Verification is on click: open CredLens from the toolbar and choose Verify.',
};

export const PENDING_META: VerdictMeta = {
  label: 'Checking…',
  icon: '…',
  colour: '#4a4f55',
  background: '#eceef0',
  description: 'CredLens is checking this credential.',
};
