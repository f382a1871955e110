"""Contributor tools: the canonical form of data files and the scaffold of a new fiche."""
