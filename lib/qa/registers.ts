/** The quality-assurance registers lib/qa consults: a DEQAR index and accreditation records (QDR). */
import type { AccreditationRecord } from './accreditation';
import type { DeqarIndex } from './deqar';

export interface QaRegisters {
  deqar?: DeqarIndex;
  /** Accreditation records (Europass QDR / ELM `Accreditation`) the organisation has loaded. */
  accreditations?: AccreditationRecord[];
  /** How to cite the DEQAR data ("DEQAR snapshot 2025-12-09, bundled"). */
  deqarLabel?: string;
}
