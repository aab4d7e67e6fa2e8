/** Argument parsing for `credlens`. Usage errors exit with code 2. */
import { parseArgs } from 'node:util';
import type { RecipientHint } from '../lib/model/env';

export const USAGE = `Usage: credlens verify <file|url|-> ... [options]
       credlens scan <file.html|file.pdf|url> ... [--verify] [options]

verify: verifies digital learning credentials (Open Badges 2.0 hosted, signed and baked
PNG/SVG; Open Badges 1.x hosted; Open Badges 3.0 / CLR 2.0 / W3C VCs with Data Integrity
proofs or as VC-JWT; European Digital Credentials sealed with JAdES; SD-JWT and SD-JWT VC,
line-wrapped text included) and prints one report per input.
scan: finds the credentials in a saved page or a CV (HTML or PDF: links, URLs in the text,
JSON-LD and JWT credentials, badge images, files attached to the PDF, QR codes) and lists
them; with --verify, verifies each one as verify would.

Options:
  --json                    one JSON report per line (JSONL) on stdout, nothing else
  --now <ISO-8601>          evaluate validity at this instant instead of the current time
  --map-url <from>=<to>     rewrite URLs starting with <from> to start with <to> before fetching
                            (repeatable; the longest matching prefix wins; <to> may be loopback)
  --trust <file>            add a trust source (repeatable): an organisation list
                            {"allow":[{"id","name"}],"deny":[...]}, an issuer registry (DCC
                            registry.json) or EU trusted lists (the LOTL and national lists, XML)
  --lotl-signers <file>     certificates that sign the EU List of Trusted Lists given with --trust
                            (PEM, base64 DER lines or a pin file {"certificates":[{"der"}]}),
                            instead of the ones shipped with CredLens
  --email <address>         check the credential's recipient against this e-mail address
  --recipient-url <url>     check the recipient against this URL
  --telephone <number>      check the recipient against this telephone number
  --nonce <value>           the nonce the presentation's key binding must carry (SD-JWT KB-JWT);
                            a credential bound to a holder key without a key binding then fails
  --aud <value>             the audience the key binding must name (your client id or origin)
  --allow-private           allow fetching private/loopback addresses (for local testing)
  --verify                  (scan) verify each credential found
  -h, --help                show this help
  -v, --version             show the version

Exit status: 0 when every input is verified, 1 otherwise, 2 on usage errors.
scan: 0 when every input holds at least one credential (with --verify: and every one
found is verified), 1 otherwise, 2 on usage errors.`;

export interface CliOptions {
  inputs: string[];
  json: boolean;
  now?: Date;
  mapUrl: string[];
  trust: string[];
  /** A file of LOTL signing certificates replacing the shipped pins. */
  lotlSigners?: string;
  recipients: RecipientHint[];
  allowPrivate: boolean;
  /** --nonce: the nonce a key binding must carry. */
  expectedNonce?: string;
  /** --aud: the audience a key binding must name. */
  expectedAudience?: string;
  /** scan only: verify each candidate found. */
  verify?: boolean;
}

export type ParsedArgs =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'verify'; options: CliOptions }
  | { kind: 'scan'; options: CliOptions }
  | { kind: 'error'; message: string };

/** A plain sentence for node:util parseArgs errors (its own messages quote and advise oddly). */
function argError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  const named = /'(-[^' ]*)/.exec(text)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && named !== undefined) return `unknown option ${named}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && named !== undefined)
    return `option ${named} needs a value`;
  return text.split('.')[0] ?? text;
}

/** Parses argv (without node and script) into a command. */
export function parseCliArgs(argv: string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean', default: false },
        now: { type: 'string' },
        'map-url': { type: 'string', multiple: true, default: [] },
        trust: { type: 'string', multiple: true, default: [] },
        'lotl-signers': { type: 'string' },
        email: { type: 'string', multiple: true, default: [] },
        'recipient-url': { type: 'string', multiple: true, default: [] },
        telephone: { type: 'string', multiple: true, default: [] },
        nonce: { type: 'string' },
        aud: { type: 'string' },
        'allow-private': { type: 'boolean', default: false },
        verify: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    return { kind: 'error', message: argError(error) };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const [command, ...inputs] = positionals;
  if (command === undefined) return { kind: 'help' };
  if (command !== 'verify' && command !== 'scan')
    return { kind: 'error', message: `unknown command "${command}" (try: credlens verify, credlens scan)` };
  if (inputs.length === 0)
    return { kind: 'error', message: `${command} needs at least one file, URL or "-"` };
  if (command === 'verify' && values.verify) return { kind: 'error', message: '--verify belongs to scan' };
  if (inputs.filter((i) => i === '-').length > 1)
    return { kind: 'error', message: 'stdin ("-") can be read only once' };
  const options: CliOptions = {
    inputs,
    json: values.json ?? false,
    mapUrl: values['map-url'] ?? [],
    trust: values.trust ?? [],
    recipients: [
      ...(values.email ?? []).map((value): RecipientHint => ({ type: 'email', value })),
      ...(values['recipient-url'] ?? []).map((value): RecipientHint => ({ type: 'url', value })),
      ...(values.telephone ?? []).map((value): RecipientHint => ({ type: 'telephone', value })),
    ],
    allowPrivate: values['allow-private'] ?? false,
    ...(values['lotl-signers'] === undefined ? {} : { lotlSigners: values['lotl-signers'] }),
  };
  for (const [name, value] of [
    ['--nonce', values.nonce],
    ['--aud', values.aud],
  ] as const) {
    if (value !== undefined && value.trim() === '')
      return { kind: 'error', message: `${name} needs a value` };
  }
  if (values.nonce !== undefined) options.expectedNonce = values.nonce;
  if (values.aud !== undefined) options.expectedAudience = values.aud;
  if (values.now !== undefined) {
    // Require a full ISO-8601 date (optionally with time); Date.parse alone accepts too much.
    if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(values.now)) {
      return { kind: 'error', message: `--now must be an ISO-8601 date or date-time, got "${values.now}"` };
    }
    const now = new Date(values.now);
    if (Number.isNaN(now.getTime()))
      return { kind: 'error', message: `--now is not a valid instant: "${values.now}"` };
    options.now = now;
  }
  if (command === 'scan') return { kind: 'scan', options: { ...options, verify: values.verify ?? false } };
  return { kind: 'verify', options };
}
