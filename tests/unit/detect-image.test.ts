import { describe, expect, it } from 'vitest';
import { classifyImage } from '../../lib/detect/classify-image';
import { isCredentialSectionHeading } from '../../lib/detect/signals';

describe('classifyImage', () => {
  it('accepts a PNG whose alt text names a badge', () => {
    expect(
      classifyImage({ src: 'https://www.example.org/badges/x.png', alt: 'Data Analysis badge' }),
    ).toEqual({
      kind: 'image',
      platform: 'baked-image',
      url: 'https://www.example.org/badges/x.png',
      pageUrl: 'https://www.example.org/badges/x.png',
      label: 'Data Analysis badge',
    });
  });

  it('accepts SVG and extension-less images in a credentials section', () => {
    expect(classifyImage({ src: 'https://cdn.example/b.svg', inCredentialSection: true })?.url).toBe(
      'https://cdn.example/b.svg',
    );
    expect(
      classifyImage({ src: 'https://cdn.example/images/123/image', inCredentialSection: true }),
    ).not.toBeNull();
  });

  it('accepts an image inside a credential link', () => {
    expect(classifyImage({ src: 'https://cdn.example/b.png', inCredentialLink: true })).not.toBeNull();
  });

  it('needs a signal', () => {
    expect(classifyImage({ src: 'https://cdn.example/b.png', alt: 'Sunset' })).toBeNull();
  });

  it('never takes formats that cannot be baked', () => {
    for (const ext of ['jpg', 'jpeg', 'gif', 'webp']) {
      expect(
        classifyImage({ src: `https://cdn.example/b.${ext}`, alt: 'certificate', inCredentialSection: true }),
      ).toBeNull();
    }
    expect(classifyImage({ src: 'https://cdn.example/b.pdf', alt: 'certificate' })).toBeNull();
  });

  it('skips logos and photos next to credentials unless they say badge', () => {
    expect(
      classifyImage({
        src: 'https://cdn.example/l.png',
        alt: 'Northwind Academy logo',
        inCredentialSection: true,
      }),
    ).toBeNull();
    expect(
      classifyImage({ src: 'https://cdn.example/l.png', alt: 'Open Badge logo', inCredentialSection: true }),
    ).not.toBeNull();
  });

  it('rejects non-http sources', () => {
    expect(classifyImage({ src: 'data:image/png;base64,AAAA', alt: 'badge' })).toBeNull();
    expect(classifyImage({ src: 'blob:https://a.example/1', alt: 'badge' })).toBeNull();
  });
});

describe('isCredentialSectionHeading', () => {
  it.each([
    'Licenses & certifications',
    'Licences and Certificates',
    'licenses_and_certifications',
    'My badges',
    'Micro-credentials',
  ])('recognises %s', (t) => expect(isCredentialSectionHeading(t)).toBe(true));
  it.each(['Experience', 'About', '', null])('not %s', (t) =>
    expect(isCredentialSectionHeading(t)).toBe(false),
  );
});
