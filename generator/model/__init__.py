"""The data every later phase works on: the typed scheme (`model.scheme`) and the draft
document (`model.draft`). Plain dataclasses with no behaviour beyond simple lookups; imports
only `diagnostics`."""
