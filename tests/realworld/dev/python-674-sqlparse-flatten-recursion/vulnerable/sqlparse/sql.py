import re


from sqlparse import tokens as T


from sqlparse.utils import imt, remove_quotes


class TokenList(Token):
    __slots__ = 'tokens'

    def flatten(self):
        """Generator yielding ungrouped tokens.

        This method is recursively called for all child tokens.
        """
        for token in self.tokens:
            if token.is_group:
                yield from token.flatten()
            else:
                yield token
