"""Assembly: turn a typed scheme and the compiled clause library into a numbered Draft. Builds
the values clause text may use, plans the outline after the scheme's changes, renders clause
text in the sandbox and numbers the result. May import `load` (for the library types),
`model` and `diagnostics`; never the writers or the OOXML layer."""
