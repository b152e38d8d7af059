/**
 * Every key of the web's catalogues is used: an API code (translated by code), a key written in
 * the web's source, or a key under a prefix the source completes at run time (`postStatus.${s}`).
 * A key nothing shows is dead text that both languages would otherwise keep translating.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { en as api } from "../packages/core/src/messages/en";
import { en } from "../packages/web/src/i18n/en";

const ROOT = join(import.meta.dirname, "../packages/web/src");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.tsx?$/.test(e.name) && !/i18n[\\/](en|ru)\.ts$/.test(path) ? [readFileSync(path, "utf8")] : [];
  });
}

describe("the web's catalogues", () => {
  it("hold no key that nothing shows", () => {
    const source = sources(ROOT).join("\n");
    // A template literal that starts with a key's prefix: `category.${c}`.
    const prefixes = [...source.matchAll(/[`"]([A-Za-z0-9_.]+\.)\$\{/g)].map((m) => m[1]!);
    const unused = Object.keys(en).filter(
      (key) => !(key in api) && !source.includes(`"${key}"`) && !prefixes.some((p) => key.startsWith(p)),
    );
    expect(unused).toEqual([]);
  });

  it("finds a key used only under a prefix, and misses none that are written out", () => {
    const source = sources(ROOT).join("\n");
    expect(source).toContain("`postStatus.${");
    expect(source).toContain('"staff.title"');
  });
});
