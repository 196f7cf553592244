"""How results look: the terminal's width, wrapping, and the one table function."""

from .text import fit, table, terminal_width, visible_len, wrap

__all__ = ["fit", "table", "terminal_width", "visible_len", "wrap"]
