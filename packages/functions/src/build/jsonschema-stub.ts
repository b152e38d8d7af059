/**
 * Stands in for `jsonschema` in the Lambda bundles (sst.config.ts): ElectroDB uses it only to check
 * each entity's model when the entity is constructed (and to tell models from entities in a Service,
 * which the core does not use). The models are fixed in code and checked by the tests, which run
 * ElectroDB with the real jsonschema; in the bundle the check would only cost cold-start time.
 */
export class Validator {
  addSchema(): void {}
  validate(): { errors: unknown[] } {
    return { errors: [] };
  }
}
(Validator.prototype as unknown as { customFormats: Record<string, unknown> }).customFormats = {};
