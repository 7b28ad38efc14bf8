"""Readers for the annotated corpora framing is evaluated on (BASIL, PolNeAR, CoreNLP's annotation of PolNeAR)."""
