"""The lexicon files; installed as ``framing.lexicon_files`` so they ship inside the package."""
