"""Pure domain rules: plain values and a `today` in, facts out; no I/O, no clock."""
