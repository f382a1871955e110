"""Rules every layer shares: which characters a text may hold, escaping and sanitizing, French
typography, the address of every page."""
