"""Checks what `sam build` made against Lambda's size limits, and prints the figures (`make package`).

Limits (Lambda quotas): a function's zip uploaded directly at most 50 MiB; a function unzipped together with all its
layers at most 250 MiB; at most 5 layers per function. Every function here carries the portal layer.
"""

from __future__ import annotations

import io
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from infrastructure.local.template import load_raw

MIB = 1024 * 1024
MOST_ZIPPED = 50 * MIB
MOST_UNZIPPED_WITH_LAYERS = 250 * MIB
MOST_LAYERS = 5


@dataclass(frozen=True)
class Artefact:
    name: str
    unzipped: int
    zipped: int


def measure(name: str, folder: Path) -> Artefact:
    files = [path for path in sorted(folder.rglob("*")) if path.is_file()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            archive.write(path, path.relative_to(folder).as_posix())
    return Artefact(name, sum(path.stat().st_size for path in files), buffer.tell())


def built_artefacts(build: Path) -> tuple[list[Artefact], list[Artefact]]:
    """The layers and the functions of the built root template and of every built nested stack."""
    layers: list[Artefact] = []
    functions: list[Artefact] = []
    for template_path in sorted(build.rglob("template.yaml")):
        for logical_id, resource in load_raw(template_path)["Resources"].items():
            properties = resource.get("Properties", {})
            if resource["Type"] == "AWS::Serverless::LayerVersion":
                layers.append(measure(logical_id, template_path.parent / properties["ContentUri"]))
            elif resource["Type"] == "AWS::Serverless::Function":
                functions.append(measure(logical_id, template_path.parent / properties["CodeUri"]))
    return layers, functions


def main(build: Path) -> int:
    layers, functions = built_artefacts(build)
    if not functions:
        print(f"No built functions under {build}; run sam build first")
        return 1
    layer_bytes = sum(layer.unzipped for layer in layers)
    for layer in layers:
        print(f"layer    {layer.name:36} {layer.unzipped / MIB:7.1f} MiB unzipped {layer.zipped / MIB:6.1f} MiB zipped")
    largest = max(functions, key=lambda function: function.unzipped)
    print(
        f"{len(functions)} functions; largest {largest.name}: {largest.unzipped / 1024:.0f} KiB unzipped, "
        f"{(largest.unzipped + layer_bytes) / MIB:.1f} MiB with its layers (at most {MOST_UNZIPPED_WITH_LAYERS // MIB})"
    )
    problems = [f"{layer.name}: zip {layer.zipped / MIB:.1f} MiB" for layer in layers if layer.zipped > MOST_ZIPPED]
    problems += [
        f"{function.name}: {(function.unzipped + layer_bytes) / MIB:.1f} MiB unzipped with its layers"
        for function in functions
        if function.unzipped + layer_bytes > MOST_UNZIPPED_WITH_LAYERS or function.zipped > MOST_ZIPPED
    ]
    if len(layers) > MOST_LAYERS:
        problems.append(f"{len(layers)} layers")
    for problem in problems:
        print(f"Over Lambda's limit: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(".aws-sam/build")))
