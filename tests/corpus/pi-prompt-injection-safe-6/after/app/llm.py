def build_prompt(question):
    system = 'You answer questions about invoices.'
    return [{'role': 'system', 'content': system}, {'role': 'user', 'content': question}]
