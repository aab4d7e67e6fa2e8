import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../cli/args';

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
  it('shows help without a command', () => {
    expect(parseCliArgs([])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' });
  });
});
