/** Reading what we send, as a ministry's software would: a real PDF parser. */
import { PDFParse } from "pdf-parse";

/** Text with Intl's no-break spaces made plain, so it reads as written in the tests. */
export const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

/** A PDF's text, plain, with one space for any run of white space (lines wrap where the layout says). */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    return plain((await parser.getText()).text).replace(/\s+/g, " ");
  } finally {
    await parser.destroy();
  }
}
