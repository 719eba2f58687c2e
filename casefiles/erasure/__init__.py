"""Erasing personal records, the erasure ledger, residue clearing and the proofs of disposal."""
