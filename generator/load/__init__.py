"""Loading: read YAML files safely (positions kept, sizes and nesting bounded), validate them
against their schemas, resolve a scheme's `extends:` chain and load the clause library and the
document outlines. May import `diagnostics`, `errors` and `model`; nothing after loading reads
the YAML these modules return."""
