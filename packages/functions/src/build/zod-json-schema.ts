/**
 * Stands in for `import("zod/v4/core")` in hono-openapi's schema converter (@standard-community/
 * standard-json) in the Lambda bundles (sst.config.ts). A dynamic import of the whole namespace keeps
 * every zod locale (~265 KB minified) in the chunk the API loads at init; the converter only reads
 * `toJSONSchema`.
 */
export { toJSONSchema } from "zod/v4/core";
