"""Reading the store: case lists, one case in full, persons and participants, sealed values opened."""
