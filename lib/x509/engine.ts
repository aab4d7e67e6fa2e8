/** The pkijs crypto engine over the environment's WebCrypto, passed explicitly to every pkijs call. */
import { CryptoEngine } from 'pkijs';

let engine: CryptoEngine | undefined;

/** The shared, stateless pkijs engine (created lazily; WebCrypto `crypto` passed explicitly). */
export function pkiEngine(): CryptoEngine {
  engine ??= new CryptoEngine({ name: 'webcrypto', crypto });
  return engine;
}
