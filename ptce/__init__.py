"""PTCE knowledge base core: plain Python, independent of MkDocs.

Records in data/ are read (sourcefile), validated (models), cross-checked and
enriched (corpus), then turned into Markdown pages (pages, indexes). The MkDocs
glue in macros/ only calls these functions.
"""
