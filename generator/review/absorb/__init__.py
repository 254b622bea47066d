"""`s75 absorb`: a lawyer's edits to a draft in Word, turned back into changes of the scheme."""
