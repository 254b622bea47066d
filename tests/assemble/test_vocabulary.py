"""A scheme's own vocabulary: defined terms renamed, definitions and groups of parties added, a
document's own heading. Built, written and read back from the .docx with python-docx."""

from __future__ import annotations

import io
import json
import re

import docx
from conftest import ROOT, extending, shown

from generator.assemble.terms import defined_terms, sort_key
from generator.pipeline import Settings, process

VOCABULARY = """
vocabulary:
  terms:
    Pooled Fund: Integrated Health and Care Fund
    Partner: { singular: Party, plural: Parties }
    Scheme: Scheme Line
  definitions:
    - term: Better Care Fund Plan
      meaning: the plan for the Better Care Fund agreed by the Health and Wellbeing Board.
    - term: Year-End Statement
      meaning: the statement of each Scheme's spending the Host Partner prepares each year
  groups:
    - name: Commissioners
      parties: [the CCG, Southampton City Council]
headings:
  section75: Joint Agreement
"""


def build(library, path):
    """Return the result of building every document of the scheme at `path`, written."""
    return process(path, library, Settings(ROOT), "all", write=True)


def opened(built) -> docx.document.Document:
    """Return a built document's .docx opened with python-docx."""
    name = next(n for n in built.files if n.endswith(".docx"))
    return docx.Document(io.BytesIO(built.files[name]))


def body(document) -> list[str]:
    """Return the text of every body paragraph that is not a drafting note."""
    return [p.text for p in document.paragraphs if p.style.name != "Drafting Note"]


def test_renamed_terms_read_back_from_the_written_agreement(library, scheme_file):
    result = build(library, scheme_file(extending(VOCABULARY)))
    assert result.ok, [d.format() for d in result.diagnostics]  # the written checks passed too
    agreement = next(b for b in result.built if b.document == "section75")
    document = opened(agreement)
    text = "\n".join(body(document))
    # Whole words only, every form, and other terms that contain a renamed one kept whole.
    assert re.search(r"(?<![\w-])Pooled Fund(?! Manager)", text) is None
    assert "Integrated Health and Care Fund" in text and "Pooled Fund Manager" in text
    assert re.search(r"\bPartners?\b(?!ship)", text.replace("Host Partner", "")
                     .replace("Indemnifying Partner", "")) is None
    assert "the Parties\u2019 own organisations" in text and "each Party" in text
    assert "Partnership Board" in text
    # A new name containing the old one is renamed once.
    assert "Scheme Line" in text and "Scheme Line Line" not in text
    assert "Scheme Specification" in text
    # The document's own heading: on the cover (in place of the outline's description of the
    # document, under the scheme's title), in the running header, the properties, the twin and
    # the manifest.
    cover = [p.text for p in document.paragraphs[:4]]
    assert cover[1:3] == ["Better Care Fund Partnership Agreement 2017/18", "Joint Agreement"]
    assert document.sections[0].header.paragraphs[0].text == (
        "Better Care Fund Partnership Agreement 2017/18 | Joint Agreement | DRAFT")
    assert document.core_properties.subject == "Joint Agreement"
    twin = agreement.files["section75-agreement.md"].decode()
    assert twin.startswith("# Joint Agreement\n")
    manifest = json.loads(agreement.files["section75-agreement.manifest.json"])
    assert manifest["title"] == "Joint Agreement"
    report = agreement.files["section75-agreement.deviations.md"].decode()
    assert report.startswith("# Joint Agreement: departures from the vanilla model\n")
    assert ("- **renamed**: the defined term “Partner” is renamed “Party” (plural “Parties”)"
            in report)
    assert "- **defined**: the defined term “Commissioners” is added for the CCG, " in report
    # The parties block and cover still name the parties as the scheme does.
    assert "Southampton City Council" in text and "(the “Council”)" in text.replace("**", "")


def test_definitions_are_added_in_order_with_their_punctuation(library, scheme_file):
    result = build(library, scheme_file(extending(VOCABULARY)))
    agreement = next(b for b in result.built if b.document == "section75")
    entries = [p.text for p in opened(agreement).paragraphs if p.style.name == "Definition"]
    terms = [re.match(r"“([^”]+)”", entry).group(1) for entry in entries]
    assert terms == sorted(terms, key=sort_key)
    assert "“Commissioners” means the CCG and the Council;" in entries
    assert ("“Better Care Fund Plan” means the plan for the Better Care Fund agreed by the "
            "Health and Wellbeing Board;") in entries
    assert "“Integrated Health and Care Fund” means the pooled fund established by the Parties" \
        in "\n".join(entries)
    # The list ends as the library's does, though an added term now comes last.
    assert all(e.endswith(";") and not e.endswith("; and") for e in entries[:-2])
    assert entries[-2].startswith("“Working Day”") and entries[-2].endswith("1971; and")
    assert entries[-1] == ("“Year-End Statement” means the statement of each Scheme Line\u2019s "
                           "spending the Host Partner prepares each year.")
    assert {"Integrated Health and Care Fund", "Party", "Parties", "Commissioners",
            "Better Care Fund Plan"} <= defined_terms(agreement.draft)
    assert not {"Pooled Fund", "Partner", "Scheme"} & defined_terms(agreement.draft)


def test_terms_of_reference_take_the_renames_they_define(library, scheme_file):
    result = build(library, scheme_file(extending(VOCABULARY)))
    tor = next(b for b in result.built if b.document == "tor")
    text = "\n".join(body(opened(tor)))
    assert "(together the “Parties” and each a “Party”)" in text
    assert opened(tor).core_properties.subject == "Terms of Reference"  # no heading for tor


def test_vocabulary_mistakes_are_located_errors(cli, scheme_file):
    path = scheme_file(extending("""
        vocabulary:
          terms:
            Lead Comissioner: Lead Council
            Pooled Fund: Joint Fund
            Overspend: Joint Fund
            Quarter: Term
          definitions:
            - term: Working Day
              meaning: any day.
          groups:
            - name: Commissioners
              parties: [the CCG, the Counci]
            - name: Solo
              parties: [the CCG]
        """))
    status, out = cli("check", path)
    where = shown(path)
    assert status == 1
    assert any(line.startswith(f"{where}:4:5: error[unknown-term]: `Lead Comissioner` is not a "
                               "term the library defines") and "Did you mean `Lead Commissioner`?"
               in line and "The defined terms are: Agreement, " in line for line in out)
    assert (f"{where}:6:5: error[term-clash]: `Overspend` and `Pooled Fund` would both be "
            "renamed `Joint Fund`: give each its own name") in out
    assert (f"{where}:7:5: error[term-clash]: `Term` is already a defined term of this "
            "document: choose another name for `Quarter`") in out
    assert any(line.startswith(f"{where}:9:7: error[term-clash]: `Working Day` is already a "
                               "defined term") for line in out)
    assert (f"{where}:13:7: error[unknown-party]: `the Counci` (party 2 of group "
            "`Commissioners`) is not one of the parties (`the Council`, `the CCG`). Did you "
            "mean `the Council`?") in out
    assert any(line.startswith(f"{where}:15:7: error[group-too-small]: group `Solo` names 1 "
                               "party") for line in out)
    assert out[-1] == "1 file checked: 6 errors, 0 warnings"


def test_a_heading_for_no_document_type_is_an_error(cli, scheme_file):
    path = scheme_file(extending("headings:\n  section76: Joint Agreement\n"))
    status, out = cli("check", path)
    assert status == 1
    assert (f"{shown(path)}:3:3: error[wrong-value]: `headings.section76` cannot be "
            "`section76`: write one of `mou`, `section75`, `tor`. Did you mean `section75`?"
            ) in out


def test_renaming_a_party_short_name_points_to_the_party(cli, scheme_file):
    path = scheme_file(extending("vocabulary:\n  terms:\n    CCG: Commissioning Group\n"))
    status, out = cli("check", path)
    assert status == 1
    assert (f"{shown(path)}:4:5: error[unknown-term]: `CCG` is a party's short name, not a term "
            "of the library: change the party's `short_name:` under `parties:` instead") in out
