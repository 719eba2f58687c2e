"""The case-record store, carved by idea: kernel, persistence, people, crypto, erasure, ingest."""
