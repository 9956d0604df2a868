@literal.register
def _(value: list):
    return f"{literal(array_out(value))}"
