@literal.register
def _(value: list):
    return f"'{array_out(value)}'"
