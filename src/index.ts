/** Action entry: everything happens in run(), which owns the only failure sink. */
import { run } from './main.js';

await run();
