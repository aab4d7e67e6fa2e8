/** Types of scripts/lib/png.mjs (PNG making and baking for fixtures and tests). */
export function crc32(buf: Uint8Array): number;
export function chunk(type: string, data: Uint8Array): Buffer;
export function badgePng(size: number, rgb: [number, number, number]): Buffer;
export function bakePng(png: Uint8Array, keyword: string, text: string): Buffer;
