/** Minimal types for the parts of `rdf-canonize` (v5) CredLens uses; the package ships no typings. */
declare module 'rdf-canonize' {
  export interface CanonizeOptions {
    algorithm: 'RDFC-1.0';
    maxWorkFactor?: number;
    messageDigestAlgorithm?: 'sha256' | 'sha384';
  }
  export interface Term {
    termType: 'NamedNode' | 'BlankNode' | 'Literal' | 'DefaultGraph';
    value: string;
    datatype?: { termType: 'NamedNode'; value: string };
    language?: string;
  }
  export interface Quad {
    subject: Term;
    predicate: Term;
    object: Term;
    graph: Term;
  }
  export function canonize(dataset: unknown[], options: CanonizeOptions): Promise<string>;
  export const NQuads: {
    /** Parses N-Quads text; throws on a malformed line. */
    parse(input: string): Quad[];
    /** One quad as an N-Quad line ending in " .\n". */
    serializeQuadComponents(s: Term, p: Term, o: Term, g: Term): string;
  };
  const rdfCanonize: { canonize: typeof canonize; NQuads: typeof NQuads };
  export default rdfCanonize;
}
