"""Which ML steps the tests exercise: data processing, training, the prediction path.

A test exercises a step when it calls the project's code for it (a function or class whose
name, or whose own calls, name the step: `train_model`, `TrainingJob`, `lgb.train`), uses a
test client on the service, or runs a program of the project (`python run.py`), in which
case every step the program's modules hold is exercised. Names alone do not count: a test in
`test_train.py` that only counts classes does not train.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mlops_standards.catalog.markers import Markers
from mlops_standards.scan.commands import Graph
from mlops_standards.scan.python import Call, Function, Module
from mlops_standards.scan.shell import commands

from .outcome import Evidence

STEPS = ("data", "training", "serving")
TEST_CLIENTS = ("TestClient", "AsyncClient", "test_client")
MAX_IMPORT_DEPTH = 4


def _dotted_name(path: str) -> str:
    return (
        path.removesuffix(".tmpl").removesuffix(".py").removesuffix("/__init__").replace("/", ".")
    )


@dataclass
class StepCoverage:
    """Tests mapped to the steps they exercise, with the first test that does for each."""

    test_modules: list[Module]
    module_index: dict[str, Module]
    graph: Graph
    markers: Markers
    _functions: dict[str, tuple[Module, Function]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_dotted = {_dotted_name(p): m for p, m in self.module_index.items()}

    def _module_named(self, dotted: str) -> Module | None:
        """The repository module a dotted import names (`pkg.jobs` -> `src/pkg/jobs.py`)."""
        if dotted in self._by_dotted:
            return self._by_dotted[dotted]
        suffix = "." + dotted
        matches = [m for name, m in self._by_dotted.items() if name.endswith(suffix)]
        return min(matches, key=lambda m: len(m.path)) if matches else None

    def _definition(self, name: str) -> tuple[Module, Function | None] | None:
        """The repository function or class a resolved call name refers to."""
        parts = name.replace("()", "").split(".")
        for cut in range(len(parts) - 1, 0, -1):
            module = self._module_named(".".join(parts[:cut]))
            if module is None or module.is_test:
                continue
            target = parts[cut]
            function = next((f for f in module.records.functions if f.name == target), None)
            is_class = any(c.name == target for c in module.records.classes)
            if function is not None or is_class:
                return module, function
        return None

    def _function_steps(self, function: Function) -> set[str]:
        steps = self.markers.steps_named(function.name)
        for callee in function.calls:
            steps |= self.markers.steps_named(callee.rsplit(".", 1)[-1])
        return steps

    def _closure(self, start: Module) -> list[Module]:
        """`start` and the repository modules it imports, transitively (bounded)."""
        seen, frontier = {start.path: start}, [start]
        for _ in range(MAX_IMPORT_DEPTH):
            following = []
            for module in frontier:
                for imported in module.records.imports:
                    target = self._module_named(imported.module)
                    if target is not None and target.path not in seen and not target.is_test:
                        seen[target.path] = target
                        following.append(target)
            frontier = following
        return list(seen.values())

    def _program_steps(self, module: Module) -> set[str]:
        steps: set[str] = set()
        for reached in self._closure(module):
            for function in reached.records.functions:
                steps |= self._function_steps(function)
        return steps

    def _call_steps(self, call: Call) -> set[str]:
        if any(client in call.name for client in TEST_CLIENTS):
            return {"serving"}
        definition = self._definition(call.name)
        if definition is None:
            return set()
        _module, function = definition
        steps = self.markers.steps_named(call.name.replace("()", "").rsplit(".", 1)[-1])
        return steps | (self._function_steps(function) if function is not None else set())

    def _run_steps(self, module: Module, call: Call) -> set[str]:
        """Steps of the project programs a test runs as a command (`subprocess`, a CLI)."""
        line = next((a for a in call.args[:1] if isinstance(a, str | tuple)), None)
        text = " ".join(line) if isinstance(line, tuple) else line
        if not text:
            return set()
        reach = self.graph.follow(commands(text, call.line), module.path)
        steps: set[str] = set()
        for reached in reach.modules:
            steps |= self._program_steps(reached.module)
        return steps

    def _test_calls(self, module: Module) -> list[tuple[Function, Call]]:
        """Calls each test makes, and those of the module's own helpers it calls (one level)."""
        records = module.records
        helpers = {f.name for f in records.functions if not f.is_test}
        by_function: dict[str, list[Call]] = {}
        for call in records.calls:
            by_function.setdefault(call.function or "", []).append(call)
        found = []
        for test in (f for f in records.functions if f.is_test and f.substantive):
            for call in by_function.get(test.name, []):
                found.append((test, call))
                if call.name in helpers:
                    found += [(test, inner) for inner in by_function.get(call.name, [])]
        return found

    def covered(self) -> dict[str, Evidence]:
        """Step -> the first test that exercises it."""
        found: dict[str, Evidence] = {}
        for module in self.test_modules:
            for test, call in self._test_calls(module):
                steps = self._call_steps(call)
                if call.name.startswith(("subprocess.", "os.system")):
                    steps |= self._run_steps(module, call)
                for step in steps - set(found):
                    found[step] = Evidence(module.path, test.line, f"{step}: {test.name}")
            if len(found) == len(STEPS):
                break
        return found
