// The CSV facilitators download, as Excel reads it in their language: a byte-order mark as
// bytes, ";" and a decimal comma for Swedish, "," and a decimal point for English.
import { describe, expect, it } from 'vitest';
import { csvFile, toCsv } from '../../src/features/shared/csv.js';

const rows = [
  ['Grupp', 'Medelvärde', 'Text'],
  ['Hela Demokohorten', 3.5, 'möten; "alla", ofta'],
  ['Grupp Omnikanal', -0.25, null],
];

describe('csv', () => {
  it('writes Swedish with semicolons and decimal commas, quoting only what needs it', () => {
    expect(toCsv(rows, 'sv')).toBe('Grupp;Medelvärde;Text\r\nHela Demokohorten;3,5;"möten; ""alla"", ofta"\r\nGrupp Omnikanal;-0,25;\r\n');
  });

  it('writes English with commas and decimal points', () => {
    expect(toCsv(rows, 'en')).toBe('Grupp,Medelvärde,Text\r\nHela Demokohorten,3.5,"möten; ""alla"", ofta"\r\nGrupp Omnikanal,-0.25,\r\n');
  });

  it('starts the file with the UTF-8 byte-order mark, then the text in UTF-8', () => {
    const file = csvFile([['å', 1.5]], 'sv');
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(Buffer.from(file.subarray(3)).toString('utf8')).toBe('å;1,5\r\n');
  });

  it('keeps text that Excel would run as a formula as plain text, and numbers as numbers', () => {
    const written = toCsv([['=HYPERLINK("http://x";"klick")', '+46 70', '-minus', '@SUM(A1)', '\tTab', 'vanlig', -2]], 'sv');
    expect(written).toBe('"\'=HYPERLINK(""http://x"";""klick"")";\'+46 70;\'-minus;\'@SUM(A1);\'\tTab;vanlig;-2\r\n');
  });
});
