"""Reviewers' tools over drafts already built or written: clause-level text of a draft or any
.docx, clause diff, git revisions and the redliner, and the handlers of the reviewers' commands.
May import every phase before it; nothing imports it but the CLI."""
