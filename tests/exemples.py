"""Sample fiches shared by several test modules."""

VALID = """---
nom: "Pôle exemple"
thematiques: [arts-culture]
statuts:
  - statut: candidat-appel-2012
    date: "2012"
    source: plan-action-2013
structure_porteuse: "Association exemple"
adresse: "178 chemin d'Arras"
code_postal: "01600"
commune: "Trévoux"
telephone: "04.74.08.71.17"
site_web: "www.exemple.org"
date_maj: "2026-11-23"
sources: [plan-action-2013]
---

Présentation **courte**.
"""
