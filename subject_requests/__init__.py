"""Rights requests: the register and its deadlines, capacity checks; later gathering, exports,
rectification, erasure decisions and letters."""
