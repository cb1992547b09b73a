"""Audit pages: a document's extraction drawn over its own text (``--format html``), and an
index of a corpus's pages (``index.html`` beside them in ``-o DIR/``)."""
