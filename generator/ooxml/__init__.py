"""The Office Open XML layer: everything that reads or writes the XML inside a .docx.

`ns` (namespaces and Clark names), `package` (reading and writing packages), `properties`
(document properties), `build` (WordprocessingML builders), `values`, `styles`, `numbering` and
`fields` (what the readers need to show a document as Word does) and `docxtext` (a document as
numbered lines). Besides this package, only the writers and the redliner import lxml.
"""
