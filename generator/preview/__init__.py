"""The live preview behind `s75 serve`: a scheme built again whenever it, its `extends:` chain or
the library changes (`watch`, `state`), shown as HTML in a page served on this computer only
(`server`, `page.html`), with the Word file and a PDF of what is shown (`pdf`).

It sits beside the command line: it may import the pipeline, the load layer (for the chain of
scheme files), the writers, the diagnostics and the errors; nothing imports it but the CLI."""
