"""The web app's production bundle: its size (gzip), and what the browser loads for each page's first visit.

Reads the manifest `vite build` writes (web/dist/.vite/manifest.json): the entry, and for each page the chunks its
route imports, with everything they import in turn. Run `make web` first; `make bench` prints this at its end.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import TypedDict

from infrastructure.local.template import ROOT

DIST = ROOT / "web" / "dist"
MANIFEST = DIST / ".vite" / "manifest.json"


class Chunk(TypedDict, total=False):
    file: str
    isEntry: bool
    imports: list[str]
    css: list[str]


Manifest = dict[str, Chunk]


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9))


def closure(manifest: Manifest, key: str, seen: set[str] | None = None) -> set[str]:
    """The chunk and every chunk it imports statically (what loads before it runs)."""
    seen = set() if seen is None else seen
    if key in seen:
        return seen
    seen.add(key)
    for imported in manifest[key].get("imports", []):
        closure(manifest, imported, seen)
    return seen


def files_of(manifest: Manifest, keys: set[str]) -> set[str]:
    files = {manifest[key]["file"] for key in keys}
    for key in keys:
        files.update(manifest[key].get("css", []))
    return files


def main() -> None:
    manifest: Manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    sizes = {str(path.relative_to(DIST)): gzip_size(path) for path in DIST.rglob("*") if path.suffix in {".js", ".css"}}
    entry = next(key for key, chunk in manifest.items() if chunk.get("isEntry"))
    first = files_of(manifest, closure(manifest, entry))
    print(f"web bundle: {len(sizes)} files, {sum(sizes.values()) / 1024:.1f} KiB gzip in all")
    print(f"  every page first loads the entry: {sum(sizes[file] for file in first) / 1024:.1f} KiB gzip")
    pages = sorted(key for key in manifest if key.startswith("src/pages/") and key.endswith("Page.tsx"))
    for page in pages:
        own = files_of(manifest, closure(manifest, page)) - first
        total = sum(sizes[file] for file in first | own)
        print(f"  {Path(page).stem:<22} +{sum(sizes[file] for file in own) / 1024:6.1f} KiB = {total / 1024:6.1f} KiB")


if __name__ == "__main__":
    main()
