/** Types for proxy.mjs (the fixture web's CONNECT proxy, for Firefox). */
export interface FixtureProxy {
  port: number;
  /** What the proxy refused (`host:port`, or the request line when it was not a CONNECT). */
  refused: string[];
  close(): Promise<void>;
}

export declare function startFixtureProxy(
  webPort: number,
  options?: { hosts?: readonly string[] },
): Promise<FixtureProxy>;
