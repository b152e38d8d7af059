/**
 * The draft as a Word document an editor opens and edits: the Secretariat's names, the draft's
 * mark, the title, the text in justified paragraphs, then the notes for the editor in smaller type.
 * Times New Roman (which Word has with Cyrillic), 12 pt, A4, the language set on every run so the
 * spelling checker takes the right one. Made with the `docx` library; this module is imported only
 * when a DOCX is asked for.
 */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import type { Organisation } from "../organisation";
import type { Draft } from "./index";

const A4 = { width: 11906, height: 16838 };
/** Twentieths of a point: 2 cm and 1.5 cm. */
const MARGIN = { top: 1134, bottom: 1134, left: 1134, right: 850 };

export async function docx(draft: Draft, org: Organisation.Info): Promise<Uint8Array<ArrayBuffer>> {
  const language = { value: draft.lang === "en" ? "en-GB" : "ru-RU" };
  const run = (text: string, options: { bold?: boolean; italics?: boolean; size?: number } = {}) => new TextRun({ text, language, ...options });
  const centred = (text: string, options: { bold?: boolean; size?: number } = {}) =>
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 60 }, children: [run(text, options)] });
  const children: Paragraph[] = [
    centred(org.secretariat.en.toUpperCase(), { bold: true }),
    centred(org.secretariat.ru.toUpperCase(), { bold: true }),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 240, after: 240 }, children: [run(draft.mark, { bold: true })] }),
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [run(draft.title, { bold: true, size: 28 })] }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [run(draft.heading, { bold: true })] }),
    ...draft.paragraphs.map(
      (text) => new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 709 }, spacing: { after: 160, line: 300 }, children: [run(text)] }),
    ),
    new Paragraph({ spacing: { before: 240, after: 240 }, children: [run(draft.prepared, { italics: true, size: 20 })] }),
    new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 240, after: 120 }, children: [run(draft.notes.title, { bold: true, size: 22 })] }),
    ...draft.notes.sections.flatMap((s) => [
      new Paragraph({ spacing: { before: 120, after: 60 }, keepNext: true, children: [run(s.title, { bold: true, size: 20 })] }),
      ...s.lines.map((l) => new Paragraph({ indent: { left: 360, hanging: 240 }, spacing: { after: 40 }, children: [run(`– ${l}`, { size: 20 })] })),
    ]),
  ];
  const doc = new Document({
    creator: org.secretariat[draft.lang],
    title: `${draft.title}: ${draft.heading}`,
    description: draft.prepared,
    styles: { default: { document: { run: { font: "Times New Roman", size: 24, language } } } },
    sections: [{ properties: { page: { size: A4, margin: MARGIN } }, children }],
  });
  const buffer = await Packer.toBuffer(doc);
  return new Uint8Array(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength)) as Uint8Array<ArrayBuffer>;
}
