import { describe, expect, it } from 'vitest';
import { parseCliArgs, USAGE } from '../../cli/args';

describe('credlens argument parsing', () => {
  it('parses verify with every option', () => {
    const parsed = parseCliArgs([
      'verify',
      'a.png',
      'https://x.example/a',
      '-',
      '--json',
      '--now',
      '2020-01-01T00:00:00Z',
      '--map-url',
      'https://example.org/=http://127.0.0.1:8080/',
      '--trust',
      't.json',
      '--email',
      'A@b.example',
    ]);
    expect(parsed).toMatchObject({
      kind: 'verify',
      options: {
        inputs: ['a.png', 'https://x.example/a', '-'],
        json: true,
        mapUrl: ['https://example.org/=http://127.0.0.1:8080/'],
        trust: ['t.json'],
        recipients: [{ type: 'email', value: 'A@b.example' }],
      },
    });
    if (parsed.kind === 'verify') expect(parsed.options.now?.toISOString()).toBe('2020-01-01T00:00:00.000Z');
  });
  it.each([
    [['verify'], 'at least one'],
    [['frobnicate', 'x'], 'unknown command'],
    [['verify', 'x', '--now', 'yesterday'], '--now'],
    [['verify', 'x', '--now', '2020-13-45'], '--now'],
    [['verify', 'x', '--bogus'], 'bogus'],
    [['verify', '-', '-'], 'stdin'],
  ])('rejects %j as a usage error', (argv, fragment) => {
    const parsed = parseCliArgs(argv);
    expect(parsed.kind).toBe('error');
    if (parsed.kind === 'error') expect(parsed.message).toContain(fragment);
  });
  it('says plainly which option is unknown or lacks its value (no parser wording, no stray quotes)', () => {
    expect(parseCliArgs(['verify', 'x', '--jsn'])).toEqual({
      kind: 'error',
      message: 'unknown option --jsn',
    });
    expect(parseCliArgs(['verify', 'x', '--now'])).toEqual({
      kind: 'error',
      message: 'option --now needs a value',
    });
  });
  it('parses --nonce and --aud (what a key binding must carry) and lists them in the help', () => {
    const parsed = parseCliArgs([
      'verify',
      'p.txt',
      '--nonce',
      'n-0S6_WzA2Mj',
      '--aud',
      'https://credlens.example',
    ]);
    expect(parsed).toMatchObject({
      kind: 'verify',
      options: { expectedNonce: 'n-0S6_WzA2Mj', expectedAudience: 'https://credlens.example' },
    });
    const plain = parseCliArgs(['verify', 'p.txt']);
    expect(plain.kind === 'verify' && 'expectedNonce' in plain.options).toBe(false);
    expect(parseCliArgs(['verify', 'x', '--nonce'])).toEqual({
      kind: 'error',
      message: 'option --nonce needs a value',
    });
    expect(parseCliArgs(['verify', 'x', '--aud', ' '])).toEqual({
      kind: 'error',
      message: '--aud needs a value',
    });
    expect(USAGE).toMatch(/--nonce <value>/);
    expect(USAGE).toMatch(/--aud <value>/);
  });
  it('shows help without a command', () => {
    expect(parseCliArgs([])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' });
  });
});
