/** Entry point of the built CLI (dist/cli.mjs). */
import { main } from './main';

process.exitCode = await main(process.argv.slice(2));
