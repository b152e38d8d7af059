// autocannon ships no types; the benchmark uses its documented API (options, "response" event, promise).
declare module "autocannon";
