/** Formats a message code's English text with its parameters (the API's `message` for integrators). */
import { IntlMessageFormat } from "intl-messageformat";
import { en, type MessageCode, type MessageParams } from "./en";

export { en, type MessageCode, type MessageParams };

const compiled = new Map<string, IntlMessageFormat>();

export function english(code: MessageCode, params: MessageParams = {}): string {
  const text: string = en[code];
  let f = compiled.get(code);
  if (!f) {
    f = new IntlMessageFormat(text, "en");
    compiled.set(code, f);
  }
  try {
    return String(f.format(params));
  } catch {
    // A parameter is missing: the text as written is still better than nothing.
    return text;
  }
}
