"""Every diagnostic code the generator can report: its severity, what it means and what fixes
it, and the law it rests on where there is one.

This one table is what `s75 check` reports against (a diagnostic with a code that is not here
is a fault of the tool), what `s75 codes` prints and what docs/diagnostics.md is generated
from, so the three cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR, WARNING = "error", "warning"

# How sure the point of law a rule rests on is (the `status` of a code that is a rule):
# seen in the legislation or a real agreement; seen only indirectly (quoted or applied by a
# council, or the text was cut off); usual practice, not verified; or no point of law at all,
# a defect of the drafting itself (a reference to nothing, a sum that does not add up).
VERIFIED, INDIRECT, PRACTICE, DRAFTING = "verified", "indirect", "usual practice", "drafting"
STATUSES = (VERIFIED, INDIRECT, PRACTICE, DRAFTING)
# what the message of a rule on a point not verified says (and a usual-practice rule is a
# warning, never an error)
UNVERIFIED_NOTE = "check against the current Regulations"


@dataclass(frozen=True)
class Code:
    """One diagnostic code."""

    severity: str
    phase: str  # where it is found: yaml, schema, scheme, library, document, written
    meaning: str
    fix: str
    citation: str = ""
    status: str = ""  # one of STATUSES for a code that is a rule `s75 rules` lists, else ""

    @property
    def is_rule(self) -> bool:
        """Return True when the code is a rule with a citation and a status."""
        return bool(self.status)

    @property
    def unverified(self) -> bool:
        """Return True when the rule rests on a point of law that is not verified."""
        return self.status in (INDIRECT, PRACTICE)


S75 = "NHS Act 2006 s75; SI 2000/617"

CODES: dict[str, Code] = {
    # Reading YAML files
    "file-missing": Code(ERROR, "yaml", "A scheme file named on the command line does not exist.",
                         "Check the path."),
    "file-unreadable": Code(ERROR, "yaml", "A file cannot be read (permissions, a folder).",
                            "Check the file."),
    "file-too-large": Code(ERROR, "yaml", "A YAML file is larger than the tool reads.",
                           "Split it, or check that the right file is named."),
    "yaml-encoding": Code(ERROR, "yaml", "A file is not UTF-8 text.",
                          "Save it as UTF-8."),
    "yaml-syntax": Code(ERROR, "yaml", "A file is not valid YAML (indentation, quotes, tabs).",
                        "Correct the line shown; indent with spaces."),
    "yaml-aliases": Code(ERROR, "yaml", "A file uses too many YAML aliases (`*name`).",
                         "Write the values out."),
    "yaml-depth": Code(ERROR, "yaml", "A file is nested too deeply.",
                       "Flatten the structure."),
    "yaml-tag": Code(ERROR, "yaml", "A YAML tag (`!name`) is used.", "Write plain values."),
    "duplicate-key": Code(ERROR, "yaml", "The same key is given twice in one mapping.",
                          "Keep one of them."),
    "not-a-mapping": Code(ERROR, "yaml", "A file is not a set of `key: value` entries.",
                          "Write the file as `key: value` entries."),
    # The shape of a file
    "unknown-key": Code(ERROR, "schema", "A key the format does not have (often a misspelling).",
                        "Use the key suggested, or one of the keys listed in the format."),
    "missing-key": Code(ERROR, "schema", "A key the format requires is not given.",
                        "Add the key, here or in the scheme this one extends."),
    "wrong-type": Code(ERROR, "schema", "A value of the wrong kind (text for a number, ...).",
                       "Write the kind of value the message names."),
    "wrong-value": Code(ERROR, "schema", "A value that is not one of the allowed words.",
                        "Write one of the words listed."),
    "wrong-format": Code(ERROR, "schema", "A value in the wrong format (an id, a year).",
                         "Write it in the format the message names."),
    "empty-value": Code(ERROR, "schema", "A value is empty, or clause text prints an empty value.",
                        "Give the value, or remove the key."),
    "invalid-value": Code(ERROR, "schema", "A value breaks another rule of the format.",
                          "Correct the value."),
    "extends-missing": Code(ERROR, "scheme", "`extends:` names a file that does not exist.",
                            "Correct the path (it is relative to the scheme file)."),
    "extends-cycle": Code(ERROR, "scheme", "Schemes extend each other in a circle.",
                          "Remove one of the `extends:` lines."),
    "extends-too-deep": Code(ERROR, "scheme", "An `extends:` chain of too many files.",
                             "Extend a county base directly rather than through a long chain."),
    "extends-outside": Code(ERROR, "scheme", "`extends:` names a file outside the workspace "
                            "(the scheme's folder and the project): it is not read.",
                            "Copy the base scheme into the workspace and extend that."),
    "path-outside": Code(ERROR, "library", "A path in an outline, or a file found in a folder, "
                         "leads outside its folder: it is not read or written.",
                         "Name a file inside the folder; remove the link."),
    # A scheme
    "too-few-parties": Code(ERROR, "scheme", "An arrangement with fewer than two parties.",
                            "Add the other parties."),
    "duplicate-party": Code(ERROR, "scheme", "Two parties share a name or short name.",
                            "Give each party its own name and short name."),
    "unknown-party": Code(ERROR, "scheme", "A party is named that is not among `parties:`.",
                          "Use a party's name or short name as given under `parties:`."),
    "totals-mismatch": Code(ERROR, "scheme",
                            "Contributions do not add up to the totals the scheme states.",
                            "Correct the contributions or the stated total.",
                            "SI 2000/617 reg 7(3)(b)", VERIFIED),
    "negative-contribution": Code(ERROR, "scheme",
                                  "A contribution or stated total below zero.",
                                  "Write what the partner pays in, as a positive figure; record "
                                  "money returned to a partner in the scheme's own text.",
                                  "SI 2000/617 reg 7(3)(b)", VERIFIED),
    "contributions-missing": Code(ERROR, "scheme",
                                  "A scheme line with no contributions for any year, or a "
                                  "financial year of the term missing between years that have "
                                  "contributions, or the first year of the term missing while "
                                  "later years are given.",
                                  "Give the year's contributions (zero where a partner pays "
                                  "nothing), or correct the years.",
                                  "SI 2000/617 reg 7(3)(b)", VERIFIED),
    "commencement-after-expiry": Code(ERROR, "scheme",
                                      "The term ends before the arrangements commence.",
                                      "Correct the commencement date or the end of the term.",
                                      "SI 2000/617 reg 7(3)(f)", VERIFIED),
    "year-outside-term": Code(ERROR, "scheme",
                              "A financial year of contributions or totals that falls wholly "
                              "outside the agreement's term (with any extension).",
                              "Correct the year, or the commencement date or term.",
                              "SI 2000/617 reg 7(3)(b), (f)", VERIFIED),
    "pooled-fund-roles": Code(ERROR, "scheme",
                              "A pooled fund without a host partner or a pooled fund manager.",
                              "Add `host:` and `pooled_fund_manager:` under `funds:`.",
                              "SI 2000/617 reg 7(4)", INDIRECT),
    "host-not-partner": Code(ERROR, "scheme",
                             "The pooled fund's host is not an NHS body or local authority.",
                             "Name an NHS body or local authority that is a party as host.",
                             "SI 2000/617 reg 7", INDIRECT),
    "conflicting-change": Code(ERROR, "scheme", "One clause is omitted or replaced twice, or "
                               "both.", "Keep one change per clause."),
    "change-placement": Code(ERROR, "scheme", "An addition or move that does not say where "
                             "it goes (or says it twice), an `order:` list naming a clause twice, "
                             "or a replacement with nothing to replace with.",
                             "Give one of `after:` or `before:`; name each clause once; give "
                             "`text:`, `subclauses:`, `sections:` or `title:`."),
    "move-across-parts": Code(ERROR, "document", "A move would put a schedule among the "
                              "clauses, or a clause or schedule into the front matter or the "
                              "execution.",
                              "Move schedules among the schedules; a clause may go among the "
                              "clauses or the schedules (where it becomes a schedule)."),
    "markup-unknown": Code(ERROR, "document", "A `[[...]]` reference in scheme text is malformed "
                           "or names something the draft does not have.",
                           "Write `[[clause:ID]]`, `[[schedule:ID]]`, `[[term:TERM]]`, "
                           "`[[party:NAME]]` or `[[money:YEAR]]` naming something in the draft.",
                           "Drafting: every cross-reference and defined term resolves", DRAFTING),
    "scheme-template-text": Code(WARNING, "scheme", "Scheme text holds template syntax (`{{` or "
                                 "`{%`), which is printed as written, never run.",
                                 "Use the `[[...]]` references instead."),
    "unknown-clause": Code(ERROR, "scheme", "A change names a clause the library does not have.",
                           "Use the clause id suggested, or one from the clause catalogue."),
    "unknown-variant": Code(ERROR, "scheme",
                            "A variant is chosen (or named in a clause file) that does not exist.",
                            "Choose one of the clause's variants, or an option of its field."),
    "unknown-variable": Code(ERROR, "scheme", "A scheme sets a variable the library does not have.",
                             "Use one of the variables in clauses/variables.yaml.",
                             "Drafting: every variable resolves", DRAFTING),
    "illustrative-in-final": Code(ERROR, "scheme",
                                  "A final scheme still holds figures or values marked "
                                  "illustrative.",
                                  "Confirm the values and remove the marks, or keep the status "
                                  "draft.", "Drafting: no placeholder in a final document",
                                  DRAFTING),
    "placeholder-in-final": Code(ERROR, "document",
                                 "A final document still holds a placeholder: \"[insert ...]\", "
                                 "\"[ ]\", \"TBC\", \"TBA\", \"XXX\" or \"TO FILL\".",
                                 "Complete the text, or keep the status draft.",
                                 "Drafting: no placeholder in a final document", DRAFTING),
    "recitals-missing": Code(WARNING, "document",
                             "The agreement's recitals do not record that the Partners jointly "
                             "consulted the people affected, or that the arrangements are "
                             "likely to improve the way the functions are exercised.",
                             "Keep the library's recitals, or say both in the scheme's own.",
                             "NHS Act 2006 s75(1); SI 2000/617 reg 4(2)", INDIRECT),
    "long-term-no-review": Code(WARNING, "document",
                                "An agreement that can run for more than ten years (with its "
                                "extensions, or rolling on) has no clause providing for its "
                                "periodic review.",
                                "Keep the review clause, or write a review into the clause "
                                "that replaces it.",
                                "SI 2000/617 reg 7(3)(f)", PRACTICE),
    "defined-term-unused": Code(WARNING, "document",
                                "A term the document defines is used nowhere else in it.",
                                "Take the definition out (for a term of the scheme's own, delete "
                                "it; for a library term, the clause that uses it was omitted or "
                                "replaced), or use the term.",
                                "Drafting: every defined term is used", DRAFTING),
    "final-undated": Code(WARNING, "scheme",
                          "A final scheme builds a memorandum without `mou: date:`, or terms of "
                          "reference without `tor: approved_on:`, so that document's date lines "
                          "stay blank.",
                          "Give the date it was signed or adopted, or complete the lines by "
                          "hand."),
    "illustrative-unsupported": Code(
        ERROR, "schema", "A value that names or chooses something (a party, a clause, an option, "
        "a count) is marked illustrative, so no marker could print.",
        "Write the plain value; only figures of money, dates and printed text can be marked."),
    "unknown-term": Code(ERROR, "document",
                         "`vocabulary: terms:` renames a term the library does not define for "
                         "the scheme's documents.",
                         "Use one of the defined terms the message lists (the spelling of the "
                         "definitions clause), or remove the entry.",
                         "Drafting: every defined term resolves", DRAFTING),
    "term-clash": Code(ERROR, "document",
                       "Two defined terms would have the same name: two renames to one name, a "
                       "rename or added definition or group that a term already has.",
                       "Choose a different name, or remove the entry the message names."),
    "group-too-small": Code(ERROR, "document",
                            "A group under `vocabulary: groups:` names fewer than two parties.",
                            "List at least two parties, or use the party's own short name."),
    "missing-fixed-shares": Code(ERROR, "scheme",
                                 "The fixed-shares risk share without the shares.",
                                 "Add `fixed_shares:` with each partner's percentage."),
    "shares-not-100": Code(ERROR, "scheme", "Fixed shares that do not add up to 100 per cent.",
                           "Correct the percentages."),
    "quorum-unmeetable": Code(ERROR, "scheme", "A quorum the board's membership cannot meet.",
                              "Lower the quorum or add voting members."),
    "quorum-one-partner": Code(ERROR, "scheme",
                               "Decisions need every partner but one partner alone is quorate.",
                               "Require a voting member from every partner in `per_party:`."),
    "limit-exceeds-pooled-fund": Code(ERROR, "scheme",
                                      "A delegated limit larger than the whole pooled fund.",
                                      "Lower the limit (it is in pounds)."),
    "joint-committee-without-pool": Code(ERROR, "scheme",
                                         "The board is a joint committee under the Regulations "
                                         "(the default model), which can take only pooled-fund "
                                         "decisions, but no scheme line is pooled.",
                                         "Choose another `board: model:`: advisory_delegated, "
                                         "committees_in_common or concurrent_subcommittees.",
                                         "SI 2000/617 reg 10", INDIRECT),
    "board-not-joint-committee": Code(
        WARNING, "scheme",
        "The board is declared a joint committee, but a council's voting members on it are all "
        "officers, or some Partner's members refer their decisions to a committee or officer "
        "(`decides_through:`), so it cannot take decisions as a joint committee: the documents "
        "are drafted to the advisory model, whose members decide under their own delegations.",
        "Set `board: model: advisory_delegated`, or appoint elected members with delegated "
        "authority and drop `decides_through:` if a true joint committee is wanted.",
        "LGA 2000 s9E; SI 2000/617 reg 10", INDIRECT),
    "chair-not-member": Code(ERROR, "scheme",
                             "A co-chair names no voting member of the board.",
                             "Write each co-chair as the `role:` of a voting member, in the same "
                             "words."),
    "co-opted-voting": Code(ERROR, "scheme",
                            "A co-opted member, or a member from an organisation that is not a "
                            "party, marked as voting or as not co-opted.",
                            "Remove `voting: true` (and `co_opted: false`); a Partner wanting "
                            "another vote appoints its own member."),
    "existing-committee-fields": Code(ERROR, "scheme",
                                      "A board governed by an existing committee also given the "
                                      "membership or procedure of a new board.",
                                      "Remove the key: the committee works under its own "
                                      "constitution; or remove `existing_committee:`."),
    "existing-committee-document": Code(ERROR, "scheme",
                                        "Terms of reference or a memorandum asked for where an "
                                        "existing committee governs and no board is set up.",
                                        "Remove the document from `documents:`, or set up a new "
                                        "board with `name:` and `members:`."),
    "provision-roles": Code(ERROR, "scheme",
                            "Integrated provision without a lead provider, a scheme line without "
                            "a provider, or no line provided by a Partner.",
                            "Add `lead_provider:` and a `provider:` on each line under `funds: "
                            "lines:`.", "Drafting: each Scheme Specification names its provider",
                            DRAFTING),
    "responsible-missing": Code(ERROR, "scheme",
                                "Each Partner bears its own Overspends, but a pooled scheme "
                                "line does not say which Partner is responsible for it.",
                                "Add `responsible:` to the line: a party's name or short name, "
                                "or for a joint line each Partner's percentage."),
    "responsible-split": Code(ERROR, "scheme",
                              "A joint line's responsible Partners' percentages do not add up "
                              "to 100.", "Correct the percentages under `responsible:`."),
    "provider-not-party": Code(WARNING, "scheme",
                               "A line's provider is not a party but is spelt like one, so it is "
                               "read as a provider from outside the Partners.",
                               "Write the party's name or short name exactly, or ignore the "
                               "warning if the provider is another body."),
    "mou-scope-mismatch": Code(ERROR, "scheme",
                               "The memorandum's scope leaves out one of the agreement's services.",
                               "List the service in `mou: scope_in:` or remove it from "
                               "`scope_out:`."),
    "excluded-nhs-function": Code(WARNING, "scheme",
                                  "A service, NHS function or scheme line reads like an NHS "
                                  "function excluded from partnership arrangements (surgery, "
                                  "radiotherapy, termination of pregnancy, endoscopy, Class 4 "
                                  "laser or other invasive treatment, emergency ambulance).",
                                  "Take it out of the arrangements, or acknowledge the warning "
                                  "saying why it is not that function.",
                                  "SI 2000/617 reg 5 (as SI 2000/618 reg 2(2))", PRACTICE),
    "primary-care-excluded": Code(WARNING, "scheme",
                                  "A service, NHS function or scheme line reads like a primary "
                                  "care contractor service (GP, dental, ophthalmic, "
                                  "pharmaceutical).",
                                  "Take it out of the arrangements, or acknowledge the warning "
                                  "saying why it is not such a service.",
                                  "SI 2000/617 reg 5, as amended", PRACTICE),
    "function-unused": Code(WARNING, "scheme",
                            "A children's or public health function is listed, but no service, "
                            "eligible person or scheme line uses it.",
                            "Take it out of `functions:`, or add the service or scheme line "
                            "that uses it.", "SI 2000/617 reg 7(3)(c)", PRACTICE),
    "dfg-function-missing": Code(WARNING, "scheme",
                                 "A Better Care Fund scheme has a capital line, but its "
                                 "functions do not list the disabled facilities grant "
                                 "functions.",
                                 "Add the functions under Part 1 of the Housing Grants, "
                                 "Construction and Regeneration Act 1996 to `functions: "
                                 "health_related:`, or say what else the line pays for.",
                                 "SI 2000/617 regs 6 and 7(3)(c)", PRACTICE),
    "bcf-too-early": Code(WARNING, "scheme",
                          "A Better Care Fund scheme dated before 2015/16, the Fund's first "
                          "year.", "Correct the date, or remove `better_care_fund: true`.",
                          "NHS Act 2006 s223GA", INDIRECT),
    "no-risk-share": Code(WARNING, "scheme",
                          "A pooled fund with no risk-share arrangement for overspends and "
                          "underspends.", "Add `risk_share:` saying how they are shared.",
                          "Usual practice (SI 2000/617 reg 7)", PRACTICE),
    "bad-acknowledgement": Code(ERROR, "scheme",
                                "`acknowledge:` names an error, which can never be silenced, or "
                                "a code that is not a warning `s75 check` reports.",
                                "Correct what the error reports; acknowledge only warnings, by "
                                "the code `s75 check` prints."),
    "acknowledgement-unused": Code(WARNING, "scheme",
                                   "`acknowledge:` names a warning the scheme does not raise.",
                                   "Remove the entry: the warning it acknowledged is gone."),
    "unknown-document": Code(ERROR, "scheme", "A document type with no outline in templates/.",
                             "Use one of the document types there are."),
    "missing-section": Code(ERROR, "document",
                            "A scheme builds a document without a top-level section it needs "
                            "(each outline's `sections:`).",
                            "Add the section, here or in the scheme this one extends."),
    # Section 75 eligibility
    "not-s75-partner": Code(ERROR, "document",
                            "A party that cannot be party to section 75 arrangements.",
                            "Produce a memorandum of understanding instead, or remove the party.",
                            S75, VERIFIED),
    "s75-sides": Code(ERROR, "document",
                      "A section 75 agreement without both an NHS body and a local authority.",
                      "Add the missing side.", S75, VERIFIED),
    "no-contributions": Code(ERROR, "document", "A section 75 agreement with no contributions.",
                             "Add `funds:` with a scheme line and its contributions.",
                             "SI 2000/617 reg 7(3)(b)", VERIFIED),
    "party-out-of-era": Code(ERROR, "document",
                             "A party of a type that did not exist on the document's date: an "
                             "integrated care board before 1 July 2022, a clinical commissioning "
                             "group before 1 April 2013 or after 30 June 2022, a Primary Care "
                             "Trust, Strategic Health Authority or Care Trust after 31 March "
                             "2013, NHS England before 1 October 2012.",
                             "Name the body that held the functions on that date (the successor "
                             "or predecessor body), or correct the date.",
                             "Health Act 1999; Health and Social Care Act 2012; Health and "
                             "Care Act 2022", VERIFIED),
    "party-ceases-during-term": Code(WARNING, "scheme",
                                     "A party of a type abolished during the agreement's term "
                                     "(a clinical commissioning group on 1 July 2022, a Primary "
                                     "Care Trust on 1 April 2013): the agreement must then "
                                     "continue with the body its functions pass to.",
                                     "The assignment clause then says how the agreement "
                                     "continues with the body that takes over the party's "
                                     "functions; check that the transfer scheme or order "
                                     "carries the agreement, name the successor where it is "
                                     "known, end the term before the body ceases, or "
                                     "acknowledge the warning.",
                                     "Health and Social Care Act 2012; Health and Care Act "
                                     "2022", VERIFIED),
    "no-law-for-date": Code(ERROR, "document",
                            "The draft cites a subject of law (data protection, procurement ...) "
                            "for which the clause library's law table (clauses/law.yaml) has no "
                            "wording on the document's date (the agreement date, else the "
                            "commencement date).",
                            "Correct the date, omit the clauses that cite the subject, or add "
                            "the era to clauses/law.yaml."),
    # A document
    "required-clause-omitted": Code(ERROR, "document", "A scheme omits a clause the law or "
                                    "the outline requires.",
                                    "Remove the omission; use `replace` to change the wording."),
    "required-clause-missing": Code(ERROR, "document", "A required clause is not in the draft.",
                                    "Give the data its condition needs, or check the outline."),
    "replaced-required": Code(WARNING, "document",
                              "A clause meeting a statutory head is replaced by the scheme's text.",
                              "Check that the replacement still covers what the law requires."),
    "council-reports-missing": Code(ERROR, "document",
                                    "A council exercising NHS functions (lead commissioning) "
                                    "without the quarterly and annual reports to the NHS body "
                                    "that the Regulations require.",
                                    "Keep the lead-commissioning clause or the performance "
                                    "schedule, which provide for the reports.",
                                    "SI 2000/617 reg 9(4)", VERIFIED),
    "statutory-head-uncovered": Code(ERROR, "document",
                                     "No clause in the draft meets a statutory head.",
                                     "Keep, or add, a clause that meets it.",
                                     "SI 2000/617 reg 7(3)(a)-(g), 9(3)", VERIFIED),
    "missing-data": Code(ERROR, "document", "A clause needs scheme data that is not given.",
                         "Add the data; a clause that is not required may instead be "
                         "omitted with a reason."),
    "dangling-reference": Code(ERROR, "document",
                               "A clause refers to a clause that is not in the draft.",
                               "Keep the clause referred to, or replace the referring text.",
                               "Drafting: every cross-reference resolves", DRAFTING),
    "written-draft": Code(ERROR, "written",
                          "The written .docx, read back, differs from the draft assembled.",
                          "A fault of the tool or the template: report it."),
    "template": Code(ERROR, "written", "The Word template lacks a style or the body marker.",
                     "Restore the style or the `[[BODY]]` paragraph in the template."),
    # The clause library
    "duplicate-clause": Code(ERROR, "library", "Two clause files use the same id.",
                             "Give each clause its own id."),
    "bad-default-variant": Code(ERROR, "library",
                                "`default_variant` names none of the clause's variants.",
                                "Name one of the variants."),
    "bad-variant-by": Code(ERROR, "library",
                           "`variant_by` names a field without a fixed set of options.",
                           "Name a field such as `board.model` or `risk_share`."),
    "outline-unknown-clause": Code(ERROR, "library", "An outline lists a clause no file defines.",
                                   "Correct the id, or add the clause file."),
    "bad-element": Code(ERROR, "library", "A subclause, section or definition of the wrong shape.",
                        "Write text, or `text:` with its options."),
    "bad-table": Code(ERROR, "library", "A table the generator cannot make.",
                      "Use one of the tables listed."),
    "bad-condition": Code(ERROR, "library", "A condition that is not a valid expression, or "
                          "fails when evaluated.", "Correct the condition."),
    "bad-for-each": Code(ERROR, "library", "A `for_each:` that fails when evaluated.",
                         "Name a list of the scheme's values."),
    "undefined-variable": Code(ERROR, "library", "Clause text uses a name that does not exist.",
                               "Use a name from the clause format's list of variables."),
    "unknown-option": Code(ERROR, "library",
                           "Clause text compares a value with an option it can never have.",
                           "Use one of the options listed."),
    "template-syntax": Code(ERROR, "library", "Clause text is not valid template syntax.",
                            "Correct the `{{ }}` or `{% %}` at the line shown."),
    "template-unsafe": Code(ERROR, "library", "Clause text does something not allowed.",
                            "Use only the variables and helpers of the clause format."),
    "template-too-long": Code(ERROR, "library", "Clause text renders to too much text.",
                              "Check the loops in the text."),
    "template-error": Code(ERROR, "library", "Clause text fails while it is rendered.",
                           "Correct the text at the line shown."),
}


def code_table_markdown() -> str:
    """Return the codes as the Markdown page docs/diagnostics.md holds."""
    lines = ["# Diagnostic codes", "",
             "Every problem `s75 check` reports has one of these codes. This page is generated "
             "from the generator's own table (`s75 codes --markdown`).", "",
             "| code | severity | found in | meaning | what to do | law | status |",
             "|---|---|---|---|---|---|---|"]
    for name, code in CODES.items():
        lines.append(f"| `{name}` | {code.severity} | {code.phase} | {code.meaning} | "
                     f"{code.fix} | {code.citation} | {code.status} |")
    return "\n".join(lines) + "\n"
