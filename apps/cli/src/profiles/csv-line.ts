// RFC 4180 fields of one CSV record: commas, double quotes, "" for a quote inside quotes.

/** True while `line` leaves a quoted field open (the record continues on the next line). */
export function isQuoteOpen(line: string): boolean {
  let open = false;
  for (let i = 0; i < line.length; i++) if (line.charCodeAt(i) === 34) open = !open;
  return open;
}

/** The fields of one complete record (its line breaks inside quotes included). */
export function splitCsvRecord(record: string): string[] {
  const fields: string[] = [];
  let field = "";
  let inQuotes = false;
  for (let i = 0; i < record.length; i++) {
    const char = record[i] as string;
    if (inQuotes) {
      if (char === '"') {
        if (record[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else field += char;
    } else if (char === '"') inQuotes = true;
    else if (char === ",") {
      fields.push(field);
      field = "";
    } else field += char;
  }
  fields.push(field);
  return fields;
}
