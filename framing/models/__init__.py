"""Small trained models shipped with framing, each with its provenance inside the file."""
