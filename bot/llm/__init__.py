"""The LLM security review: context, two passes (detect, verify), budgets, cache, injection-proofing.

Only ``bot.llm.client`` imports openai (lazily); ``bot.llm.types`` and ``bot.llm.injection`` are
standard library only so the pipeline and repo config can use them without the model's dependencies.
"""
