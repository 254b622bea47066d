"""The reference pages of the documentation site, written as Markdown from the data itself (the
clause library, the scheme schema, the codes table, the command line, the example drafts), so
the site cannot drift from what the tool does. docs/hooks.py adds them when the site builds.

It may import the load layer (the library, the schema, schemes) and the codes table; nothing
imports it but the site's hooks and the tests."""
