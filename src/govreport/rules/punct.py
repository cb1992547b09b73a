"""Sentence and clause punctuation: the one place that says which characters end a sentence, a clause or a
label, in their full-width (。，：) and ASCII (,:) forms alike.

Each constant is a string of characters, to test one character (``text[-1] in STOPS``), strip
(``rstrip(PROSE)``) or put inside a character class as it is (``f"[{SENTENCE_END}]"``): none holds a
character that a class would read as syntax (``]``, ``\\``, ``^``, ``-``). A place that needs a narrower
or a wider set builds it from these, so that a change here reaches every reader.
"""

from __future__ import annotations

from typing import Final

STOPS: Final = "。！？!?"
"""End a sentence: the full stop, the exclamation and the question mark (特此通知。 是否可行？)."""
STATEMENT_END: Final = "。！!"
"""End a statement: a full stop or an exclamation mark, never a question (the last sentence of a notice,
……特此通知。, before the signature glued to it)."""
SEMICOLONS: Final = "；;"
"""End one clause of a list inside a sentence (……制度；……机制。)."""
COLONS: Final = "：:"
"""End a label or a lead-in (来源：, 通知如下：)."""
COMMAS: Final = "，,"
"""Separate the clauses of a sentence."""

SENTENCE_END: Final = STOPS + SEMICOLONS
"""A sentence, or one clause of a list, ends here: a line that ends in one of these is running text."""
SENTENCE_OR_COLON: Final = SENTENCE_END + COLONS
"""A sentence ends or a list is announced (依據：一、……。二、……): what an inline list marker may follow."""
CLAUSE_BREAKS: Final = COMMAS + SEMICOLONS
"""Breaks between the clauses of one sentence: two of them make a line prose."""
PROSE: Final = SENTENCE_OR_COLON + COMMAS
"""Any punctuation of running text: a title, a name or a breadcrumb holds none (the line that holds one is
a sentence)."""
