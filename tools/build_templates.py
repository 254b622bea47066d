"""Build the Word templates (templates/<document>/template.docx).

The templates own the styles, page set-up, header, footer, cover page and the multi-level
clause numbering. A firm may restyle a template in Word; this script only makes the first
version. Run: .venv/bin/python tools/build_templates.py
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from lxml import etree

from generator.ooxml.ns import W_NS
from generator.ooxml.package import serialise_part
from generator.ooxml.schemaorder import put_in_schema_order

ROOT = Path(__file__).resolve().parent.parent
FONT = "Arial"

# (style name, based on, numbering id, level, bold, indent cm, hanging cm, outline level)
NUMBERED_STYLES = [
    ("Heading 1", None, 1, 0, True, 1.27, 1.27, 0),
    ("Clause 2", "Normal", 1, 1, False, 1.27, 1.27, None),
    ("Clause 3", "Normal", 1, 2, False, 2.54, 1.27, None),
    ("Clause 4", "Normal", 1, 3, False, 3.81, 1.27, None),
    ("Schedule Heading", None, 2, 0, True, 0, 0, 0),
    ("Heading 2", None, 2, 1, True, 1.27, 1.27, 1),
    ("Schedule 2", "Normal", 2, 2, False, 1.27, 1.27, None),
    ("Schedule 3", "Normal", 2, 3, False, 2.54, 1.27, None),
    ("Schedule 4", "Normal", 2, 4, False, 3.81, 1.27, None),
    ("Schedule Paragraph", "Normal", 2, 1, False, 1.27, 1.27, None),
    ("Party", "Normal", 3, 0, False, 1.27, 1.27, None),
    ("Recital", "Normal", 4, 0, False, 1.27, 1.27, None),
]

# abstract numbering id -> levels: (format, text, start)
LISTS = {
    1: [("decimal", "%1."), ("decimal", "%1.%2"), ("lowerLetter", "(%3)"), ("lowerRoman", "(%4)")],
    2: [("decimal", "Schedule %1"), ("decimal", "%2."), ("decimal", "%2.%3"),
        ("lowerLetter", "(%4)"), ("lowerRoman", "(%5)")],
    3: [("decimal", "(%1)")],
    4: [("upperLetter", "(%1)")],
}
# Word's own list styles keep lists of their own, as Word defines them: a bullet or a number
# one level deep, indented by level (numbering id -> style, format, text, indent cm). The
# clause numbering is only on the project's styles, so applying List Bullet in Word makes a
# bullet, never a clause.
WORD_LISTS = {
    11: ("List Bullet", "bullet", "\u2022", 0.63),
    12: ("List Bullet 2", "bullet", "\u2022", 1.27),
    13: ("List Bullet 3", "bullet", "\u2022", 1.9),
    14: ("List Number", "decimal", "%1.", 0.63),
    15: ("List Number 2", "decimal", "%1.", 1.27),
    16: ("List Number 3", "decimal", "%1.", 1.9),
}
# table styles of the base document that the drafts never use
UNUSED_STYLES = re.compile(r"(Light|Medium|Dark|Colorful)(Shading|List|Grid)")
STYLE_FOR_LEVEL = {(num, lvl): name for name, _b, num, lvl, *_ in NUMBERED_STYLES
                   if name != "Schedule Paragraph"}

# the word before the parties' names on each cover (what the document is comes from its
# outline's `cover:` line, or the scheme's own heading)
COVER = {"section75": "between", "mou": "between", "tor": "agreed by"}


MARGIN_CM = 2.5  # every margin of the A4 page
TEXT_WIDTH_CM = 21.0 - 2 * MARGIN_CM

def build(document: str) -> Path:
    """Write templates/<document>/template.docx and return its path."""
    doc = Document()
    _page(doc)
    _base_styles(doc)
    _numbering(doc)
    _numbered_styles(doc)
    _plain_styles(doc)
    _comment_styles(doc)
    _cover(doc, document)
    _header_footer(doc)
    doc.core_properties.author = doc.core_properties.last_modified_by = "s75"
    doc.core_properties.title = doc.core_properties.comments = ""
    doc.core_properties.language = "en-GB"
    path = ROOT / "templates" / document / "template.docx"
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    _slim(path)
    return path


DROP = ("word/stylesWithEffects.xml", "docProps/thumbnail.jpeg", "customXml/")


def _slim(path: Path) -> None:
    """Drop parts Word does not need (thumbnail, 2010 style effects, custom XML) and the
    latent-style table, keeping the template small, then clean what is left (`_clean`)."""
    with zipfile.ZipFile(path) as source:
        parts = {n: source.read(n) for n in source.namelist() if not n.startswith(DROP)}
    for name in list(parts):
        if name.endswith(".rels") or name == "[Content_Types].xml":
            text = parts[name].decode()
            text = re.sub(r'<Relationship [^>]*Target="[^"]*'
                          r'(stylesWithEffects|thumbnail|customXml/item)[^"]*"[^>]*/>', "", text)
            text = re.sub(r'<Override [^>]*PartName="/'
                          r'(word/stylesWithEffects|docProps/thumbnail|customXml/)[^"]*"[^>]*/>',
                          "", text)
            parts[name] = text.encode()
    styles = parts["word/styles.xml"].decode()
    parts["word/styles.xml"] = re.sub(r"<w:latentStyles.*?</w:latentStyles>", "", styles,
                                      flags=re.S).encode()
    parts = {n: d for n, d in parts.items() if not n.startswith("customXml")}
    _clean(parts)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def _clean(parts: dict[str, bytes]) -> None:
    """Rewrite, in place, the parts the base document leaves dated or foreign: British English
    and one font throughout, the current compatibility mode, honest application properties,
    only the styles the drafts can use, and every property in the schema's order."""
    parts["word/styles.xml"] = _clean_styles(parts["word/styles.xml"])
    parts["word/numbering.xml"] = _ordered(parts["word/numbering.xml"])
    parts["word/settings.xml"] = _clean_settings(parts["word/settings.xml"])
    parts["docProps/app.xml"] = APP_PROPERTIES.encode()
    parts["word/theme/theme1.xml"] = re.sub(
        rb'<a:latin typeface="[^"]*"', f'<a:latin typeface="{FONT}"'.encode(),
        parts["word/theme/theme1.xml"])


APP_PROPERTIES = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>s75</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
    "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    "<HyperlinksChanged>false</HyperlinksChanged></Properties>")


def _ordered(data: bytes) -> bytes:
    root = etree.fromstring(data)
    put_in_schema_order(root)
    return serialise_part(root)


def _clean_styles(data: bytes) -> bytes:
    """Return styles.xml with one font and British English by default, no theme fonts, and
    the unused table styles left out."""
    root = etree.fromstring(data)
    for style in list(root.iter(qn("w:style"))):
        if UNUSED_STYLES.match(style.get(qn("w:styleId"), "")):
            root.remove(style)
    for fonts in root.iter(qn("w:rFonts")):
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)
        if fonts.get(qn("w:ascii")) is None:
            for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                fonts.set(qn(attr), FONT)
    for lang in root.iter(qn("w:lang")):
        lang.set(qn("w:val"), "en-GB")
        lang.set(qn("w:eastAsia"), "en-GB")
    put_in_schema_order(root)
    return serialise_part(root)


def _clean_settings(data: bytes) -> bytes:
    """Return settings.xml in Word's current compatibility mode, British English, without the
    editing-session ids and East Asian layout the base document carries."""
    root = etree.fromstring(data)
    for name in ("w:rsids", "w:compat/w:useFELayout"):
        for element in root.findall(name, {"w": W_NS}):
            element.getparent().remove(element)
    for setting in root.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")
    for lang in root.iter(qn("w:themeFontLang")):
        lang.attrib.clear()
        lang.set(qn("w:val"), "en-GB")
    return serialise_part(root)


def _page(doc) -> None:
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(MARGIN_CM))
    section.different_first_page_header_footer = True


def _base_styles(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(11)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    normal.paragraph_format.space_after = Pt(8)
    normal.paragraph_format.line_spacing = 1.15
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _numbering(doc) -> None:
    part = doc.part.numbering_part
    root = part.element
    for child in list(root):
        root.remove(child)
    for abstract_id, levels in LISTS.items():
        abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
                             f'<w:multiLevelType w:val="multilevel"/></w:abstractNum>')
        for lvl, (fmt, text) in enumerate(levels):
            style = STYLE_FOR_LEVEL.get((abstract_id, lvl))
            style_id = doc.styles[style].style_id if style and style in _existing(doc) else None
            abstract.append(_level(lvl, fmt, text, style_id))
        root.append(abstract)
    for num_id, (style, fmt, text, indent) in WORD_LISTS.items():
        root.append(_word_list(doc, num_id, style, fmt, text, indent))
    for abstract_id in (*LISTS, *WORD_LISTS):
        root.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{abstract_id}">'
                              f'<w:abstractNumId w:val="{abstract_id}"/></w:num>'))


def _word_list(doc, num_id: int, style: str, fmt: str, text: str, indent: float) -> object:
    """Return the one-level list a Word list style numbers its paragraphs with, and point the
    style at it."""
    style_id = doc.styles[style].style_id
    ppr = doc.styles[style].element.get_or_add_pPr()
    for old in ppr.findall(qn("w:numPr")):
        ppr.remove(old)
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="{num_id}"/></w:numPr>'))
    twips = round(indent / 2.54 * 1440)
    font = ('<w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol" w:hint="default"/></w:rPr>'
            if fmt == "bullet" else "")
    return parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{num_id}">'
        f'<w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        f'<w:numFmt w:val="{fmt}"/><w:pStyle w:val="{style_id}"/><w:lvlText w:val="{text}"/>'
        f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{twips}" w:hanging="360"/></w:pPr>'
        f'{font}</w:lvl></w:abstractNum>')


def _existing(doc) -> set[str]:
    return {s.name for s in doc.styles}


def _level(lvl: int, fmt: str, text: str, style_id: str | None) -> object:
    style = f'<w:pStyle w:val="{style_id}"/>' if style_id else ""
    return parse_xml(
        f'<w:lvl {nsdecls("w")} w:ilvl="{lvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'{style}<w:suff w:val="tab"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>')


def _numbered_styles(doc) -> None:
    for name, based_on, num, lvl, bold, indent, hanging, outline in NUMBERED_STYLES:
        style = _style(doc, name, based_on)
        fmt = style.paragraph_format
        style.font.name, style.font.size, style.font.bold = FONT, Pt(11), bold
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.italic = False
        fmt.left_indent, fmt.first_line_indent = Cm(indent), Cm(-hanging) if hanging else None
        fmt.space_before, fmt.space_after = Pt(12 if bold else 0), Pt(8)
        fmt.keep_with_next = bold
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER if name == "Schedule Heading" else None
        fmt.page_break_before = name == "Schedule Heading"
        ppr = style.element.get_or_add_pPr()
        for old in ppr.findall(qn("w:numPr")) + ppr.findall(qn("w:outlineLvl")):
            ppr.remove(old)
        ppr.insert(0, parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{lvl}"/>'
                                f'<w:numId w:val="{num}"/></w:numPr>'))
        if outline is not None:
            outline_el = OxmlElement("w:outlineLvl")
            outline_el.set(qn("w:val"), str(outline))
            ppr.append(outline_el)
    # Numbering levels must name their styles; refresh now the styles exist.
    _numbering(doc)


def _style(doc, name: str, based_on: str | None):
    if name in _existing(doc):
        return doc.styles[name]
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles[based_on or "Normal"]
    return style


def _plain_styles(doc) -> None:
    specs = {
        "Front Heading": dict(bold=True, size=11, before=12, keep=True),
        "Schedule Title": dict(bold=True, size=11, before=0, keep=True, center=True),
        "Body Indent": dict(indent=1.27),
        "Definition": dict(indent=1.27),
        "Drafting Note": dict(italic=True, size=9, indent=1.27, colour=(0x1F, 0x4E, 0x79)),
        "Table Caption": dict(bold=True, size=10, keep=True),
        "Table Text": dict(size=10, after=0),
        "Cover Title": dict(bold=True, size=20, center=True, before=48, after=24),
        "Cover Text": dict(size=12, center=True, after=12),
        "Cover Status": dict(bold=True, size=14, right=True, colour=(0xC0, 0, 0)),
        "Contents Heading": dict(bold=True, size=12, after=12),
    }
    for name, spec in specs.items():
        style = _style(doc, name, "Normal")
        style.font.bold = spec.get("bold", False)
        style.font.italic = spec.get("italic", False)
        style.font.size = Pt(spec.get("size", 11))
        if "colour" in spec:
            style.font.color.rgb = RGBColor(*spec["colour"])
        fmt = style.paragraph_format
        fmt.left_indent = Cm(spec["indent"]) if "indent" in spec else None
        fmt.space_before = Pt(spec.get("before", 0))
        fmt.space_after = Pt(spec.get("after", 8))
        fmt.keep_with_next = spec.get("keep", False)
        if spec.get("center"):
            fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif spec.get("right"):
            fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        else:
            fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
    for level in (1, 2):
        name = f"TOC {level}"
        style = _style(doc, name, "Normal")
        style.paragraph_format.left_indent = Cm(0 if level == 1 else 1.27)
        style.paragraph_format.space_after = Pt(2)
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        tabs = style.paragraph_format.tab_stops  # the number, then the page at the margin
        tabs.add_tab_stop(Cm(1.27 + (0 if level == 1 else 1.27)))
        tabs.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)


def _comment_styles(doc) -> None:
    """Add Word's own styles for comments (drafting notes are written as comments): the
    comment text and the reference mark, with Word's style ids."""
    text = doc.styles.add_style("annotation text", WD_STYLE_TYPE.PARAGRAPH)
    text.style_id = "CommentText"
    text.base_style = doc.styles["Normal"]
    text.font.size = Pt(10)
    text.paragraph_format.space_after = Pt(0)
    mark = doc.styles.add_style("annotation reference", WD_STYLE_TYPE.CHARACTER)
    mark.style_id = "CommentReference"
    mark.font.size = Pt(8)


def _cover(doc, document: str) -> None:
    body = doc.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)
    joiner = COVER[document]
    doc.add_paragraph("{{ status }}", style="Cover Status")
    doc.add_paragraph("{{ scheme_title }}", style="Cover Title")
    doc.add_paragraph("{{ cover_text }}", style="Cover Text")
    doc.add_paragraph("{{ date_line }}", style="Cover Text")
    doc.add_paragraph(joiner, style="Cover Text")
    doc.add_paragraph("{%p for party in parties %}", style="Cover Text")
    doc.add_paragraph("{{ party.name }}", style="Cover Text")
    doc.add_paragraph("{%p endfor %}", style="Cover Text")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph("Contents", style="Contents Heading")
    doc.add_paragraph("[[BODY]]")


def _header_footer(doc) -> None:
    section = doc.sections[0]
    header = section.header.paragraphs[0]
    header.text = "{{ scheme_title }} | {{ doc_title }} | {{ status }}"
    header.style.font.size = Pt(8)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("{{ status }} | Page ")
    _field(footer, "PAGE", "1")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES", "1")


def _field(paragraph, instruction: str, cached: str) -> None:
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None),
                       ("text", cached), ("end", None)):
        run = paragraph.add_run()
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {text} "
            run._r.append(el)
        elif kind == "text":
            run.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)


if __name__ == "__main__":
    for name in COVER:
        print(build(name))
