"""The store's vocabulary and pure helpers (identifiers, calendar, names, errors): imported by all,
importing nothing of the rest."""
