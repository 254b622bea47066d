"""The Office Open XML layer: namespaces, reading and writing .docx packages, WordprocessingML
builders, numbering, fields and bookmarks. The only place besides the writers and the redliner
that imports lxml."""
