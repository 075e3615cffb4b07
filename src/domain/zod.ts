/**
 * The one entry to Zod for the whole app. Zod 4 compiles object parsers with
 * `new Function` unless told otherwise; the production build ships a Content
 * Security Policy without `unsafe-eval`, so Zod must run jitless. Importing
 * Zod from here guarantees the setting is made before any schema exists.
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };
