#!/usr/bin/env python3
"""Writes the sample XLSX notification sheet (Samples/sheets/sheet.xlsx) and, with
--fixtures DIR, the XLSX test fixtures (other layouts, zip bombs, an XXE attempt).

The zip is written by hand, not with zipfile, so that the output is byte-for-byte
reproducible and so that a fixture can carry a forged (lying) uncompressed size.
Run: python3 Samples/sheets/make-xlsx.py [--fixtures Tests/MGAuditCoreTests/Fixtures/sheets]
"""
import os
import struct
import sys
import zlib
from xml.sax.saxutils import escape

HOST = "https://abc-mgf.cybermail.jp"
URI1 = HOST + "/mg-cgi/mg_oauth"
URI2 = {
    "example.co.jp": HOST + "/mg-cgi/mg_login",
    "example-group.jp": HOST + "/mg-cgi/mg_login?domain=example-group.jp",
}
CUSTOMER = "株式会社サンプル商事"

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
NS_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def write_zip(path, entries, forged_sizes=None):
    """entries: list of (name, bytes). forged_sizes: {name: size written into the headers}."""
    forged_sizes = forged_sizes or {}
    out = bytearray()
    central = bytearray()
    dos_time, dos_date = 0, (2024 - 1980) << 9 | 4 << 5 | 1  # 2024-04-01 00:00, fixed
    for name, data in entries:
        raw = name.encode("utf-8")
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        packed = compressor.compress(data) + compressor.flush()
        crc = zlib.crc32(data) & 0xFFFFFFFF
        size = forged_sizes.get(name, len(data))
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x0800, 8, dos_time, dos_date,
                           crc, len(packed), size, len(raw), 0) + raw + packed
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0x0800, 8, dos_time, dos_date,
                               crc, len(packed), size, len(raw), 0, 0, 0, 0, 0, offset) + raw
    start = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), start, 0)
    with open(path, "wb") as handle:
        handle.write(out)


def cell_ref(column, row):
    return "ABCDEFGHIJ"[column] + str(row)


class Book:
    """A minimal workbook: shared strings by default, inline strings where asked."""

    def __init__(self):
        self.strings = []
        self.sheets = []  # (name, rows) ; rows: {rownum: [(col, text, kind)]}

    def shared(self, text):
        if text not in self.strings:
            self.strings.append(text)
        return self.strings.index(text)

    def sheet_xml(self, rows):
        lines = []
        for number in sorted(rows):
            cells = []
            for column, text, kind in rows[number]:
                ref = cell_ref(column, number)
                if kind == "inline":
                    cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>')
                else:
                    cells.append(f'<c r="{ref}" t="s"><v>{self.shared(text)}</v></c>')
            lines.append(f'<row r="{number}">{"".join(cells)}</row>')
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {NS} {NS_R}>'
                f'<sheetData>{"".join(lines)}</sheetData></worksheet>').encode()

    def shared_xml(self, phonetic=None):
        items = []
        for text in self.strings:
            if phonetic and text in phonetic:
                # Excel stores furigana for Japanese text as <rPh>; it is not part of the value.
                items.append(f'<si><t>{escape(text)}</t><rPh sb="0" eb="{len(text)}"><t>{escape(phonetic[text])}</t></rPh>'
                             f'<phoneticPr fontId="1"/></si>')
            elif "(" in text and text.startswith("Microsoft"):
                head, tail = text.split("(", 1)
                items.append(f'<si><r><t>{escape(head)}</t></r><r><rPr><b/></rPr><t>({escape(tail)}</t></r></si>')
            else:
                items.append(f'<si><t xml:space="preserve">{escape(text)}</t></si>')
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst {NS} count="{len(self.strings)}" '
                f'uniqueCount="{len(self.strings)}">{"".join(items)}</sst>').encode()

    def entries(self, phonetic=None, shared_override=None):
        sheet_parts = [(f"xl/worksheets/sheet{i + 1}.xml", self.sheet_xml(rows)) for i, (_, rows) in enumerate(self.sheets)]
        content_types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                         '<Default Extension="xml" ContentType="application/xml"/>'
                         '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                         + "".join(f'<Override PartName="/{name}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                                   for name, _ in sheet_parts)
                         + '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                         '</Types>')
        root_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                     '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                     '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
                     '</Relationships>')
        workbook = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook {NS} {NS_R}><sheets>'
                    + "".join(f'<sheet name="{escape(name)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i, (name, _) in enumerate(self.sheets))
                    + '</sheets></workbook>')
        workbook_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                         + "".join(f'<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i + 1}.xml"/>'
                                   for i in range(len(self.sheets)))
                         + f'<Relationship Id="rId{len(self.sheets) + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                         '</Relationships>')
        shared = shared_override if shared_override is not None else self.shared_xml(phonetic)
        return ([("[Content_Types].xml", content_types.encode()), ("_rels/.rels", root_rels.encode()),
                 ("xl/workbook.xml", workbook.encode()), ("xl/_rels/workbook.xml.rels", workbook_rels.encode())]
                + sheet_parts + [("xl/sharedStrings.xml", shared)])


def sample():
    """Column A label, column B value; the second domain continues the domain row."""
    book = Book()
    rows = {
        1: [(0, "MAILGATES Σ 開通通知書", "s")],
        3: [(0, "お客様名", "s"), (1, CUSTOMER, "s")],
        4: [(0, "アクセスURL", "s"), (1, HOST + "/", "inline")],
        5: [(0, "契約ドメイン", "s"), (1, "example.co.jp", "s")],
        6: [(1, "example-group.jp", "s")],
        7: [(0, "Microsoft 365_リダイレクトURI1", "s"), (1, URI1, "inline")],
    }
    for offset, (domain, uri) in enumerate(URI2.items()):
        rows[8 + offset] = [(0, f"Microsoft 365_リダイレクトURI2({domain})", "s"), (1, uri, "inline")]
    book.sheets.append(("開通通知書", rows))
    return book


def header_layout():
    """A cover sheet first, then a label row over one value row per domain (inline strings)."""
    book = Book()
    book.sheets.append(("表紙", {1: [(0, "MAILGATES Σ", "s")], 2: [(0, "ご契約ありがとうございます。", "s")]}))
    rows = {1: [(0, "ドメイン", "s"), (1, "Microsoft 365_リダイレクトURI1", "s"), (2, "Microsoft 365_リダイレクトURI2", "s")]}
    for offset, (domain, uri) in enumerate(URI2.items()):
        rows[2 + offset] = [(0, domain, "inline"), (1, URI1, "inline"), (2, uri, "inline")]
    book.sheets.append(("設定値", rows))
    return book


def fixtures(directory):
    os.makedirs(directory, exist_ok=True)
    write_zip(os.path.join(directory, "header-layout.xlsx"), header_layout().entries())
    big = b'<?xml version="1.0"?><sst xmlns="x"><si><t>' + b"A" * (9 * 1024 * 1024) + b"</t></si></sst>"
    book = sample()
    # The header admits 9 MiB: refused before inflating.
    write_zip(os.path.join(directory, "bomb-honest.xlsx"), book.entries(shared_override=big))
    # The header claims 100 bytes: refused while inflating, by counting.
    write_zip(os.path.join(directory, "bomb-forged.xlsx"), book.entries(shared_override=big),
              forged_sizes={"xl/sharedStrings.xml": 100})
    xxe = (b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&x;</t></si></sst>')
    write_zip(os.path.join(directory, "xxe.xlsx"), book.entries(shared_override=xxe))
    # A zip that is not a workbook (no xl/workbook.xml), with sheet labels in it all the same.
    write_zip(os.path.join(directory, "not-a-workbook.zip"),
              [("readme.txt", f"Microsoft 365_リダイレクトURI1：{URI1}\n".encode())])


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    write_zip(os.path.join(here, "sheet.xlsx"), sample().entries(phonetic={CUSTOMER: "カブシキガイシャサンプルショウジ"}))
    if "--fixtures" in sys.argv:
        fixtures(sys.argv[sys.argv.index("--fixtures") + 1])


if __name__ == "__main__":
    main()
