"""Finding personal data in French free text (engine, recognizers, known persons) and redacting it."""
