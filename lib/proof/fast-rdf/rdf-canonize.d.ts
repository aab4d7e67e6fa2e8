/** Minimal types for the part of `rdf-canonize` (v5) the fast path uses; the package ships no typings. */
declare module 'rdf-canonize' {
  export interface CanonizeOptions {
    algorithm: 'RDFC-1.0';
    maxWorkFactor?: number;
    messageDigestAlgorithm?: 'sha256' | 'sha384';
  }
  export function canonize(dataset: unknown[], options: CanonizeOptions): Promise<string>;
  const rdfCanonize: { canonize: typeof canonize };
  export default rdfCanonize;
}
