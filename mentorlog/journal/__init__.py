"""The user's actions, one function each; each runs inside one `Journal.write()` transaction."""
