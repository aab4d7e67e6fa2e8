/** The format modules the pipeline tries, in order. Later formats (OB 3.0, EDC) plug in here. */
import type { FormatHandler } from '../model/format';
import { edcFormat } from './edc/index';
import { edciXmlFormat } from './edci-xml/index';
import { mdocFormat } from './mdoc/index';
import { ob2Format } from './ob2/index';
import { sdJwtFormat } from './sdjwt/index';
import { vcFormat } from './vc/index';

/** Registered format handlers; the first that claims an input verifies it. */
export const FORMATS: readonly FormatHandler[] = [
  edcFormat,
  edciXmlFormat,
  ob2Format,
  sdJwtFormat,
  vcFormat,
  mdocFormat,
];
