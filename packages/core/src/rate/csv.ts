/**
 * Reading a CSV file of the exchange-rate register (RFC 4180: quoted cells, doubled quotes,
 * CRLF or LF, a leading byte-order mark). The separator is the header's: `,`, or `;` as a Russian
 * Excel writes it, where a rate's decimal mark may be a comma. Dates are ISO (2022-03-15) or as a
 * Russian spreadsheet writes them (15.03.2022).
 */

/** The cells of each line; a quoted cell may hold the separator, quotes and line breaks. */
export function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"' && cell === "") quoted = true;
    else if (ch === separator) {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** The separator of a file: `;` when its first line has one and no comma outside quotes, else `,`. */
export function separatorOf(text: string): "," | ";" {
  const first = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const bare = first.replace(/"[^"]*"/g, "");
  return bare.includes(";") && !bare.includes(",") ? ";" : ",";
}

/** A date cell as ISO: 2022-03-15 as it is, 15.03.2022 turned round; anything else as it is (refused later). */
export function isoDate(cell: string): string {
  const m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(cell);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : cell;
}
