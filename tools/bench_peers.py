"""`make bench-peers`: cardex's PDF tables beside kordoc's, on the Hancom pairs (not in CI).

kordoc (npm `kordoc`, MIT) is the peer a Korean developer picks to read HWP,
HWPX and PDF. It is installed from npm into a throwaway folder (kept in the
system's temp folder between runs, `--fresh` to install again), reads the same
PDFs in one Node process, and its tables are scored by the very functions of
`make bench-pairs` against the same source tables, read by cardex's HWP/HWPX
reader. Times are each reader's own parsing, summed over the PDFs, without
process start-up, each PDF's best of ROUNDS readings with the two readers taking
turns (a shared machine's speed drifts over minutes); the ratio is kordoc's time
over cardex's.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from parsers import CardexError
from tools.bench_pairs import CORPUS, Grid, PairScore, grids_of, pairs, score, summary

KORDOC = "kordoc@4"
ROUNDS = 2  # readings per PDF and side (`--rounds=N`); each PDF's best time counts
FOLDER = Path(tempfile.gettempdir()) / "cardex-peers"

# reads PDF paths from stdin, one per line; prints one JSON object per PDF
_SCRIPT = r"""
import { parse } from "kordoc";
import { readFileSync } from "fs";
import { createInterface } from "readline";

function ownText(cell) {
  if (!cell.blocks) return cell.text || "";
  return cell.blocks.filter(b => b.type !== "table").map(b => b.text || "").join("\n");
}
function collect(blocks, out) {
  for (const block of blocks || []) {
    if (block.type === "table" && block.table) {
      const t = block.table;
      const texts = [];
      for (const row of t.cells || []) for (const cell of row) {
        texts.push(ownText(cell));
        collect(cell.blocks, out);
      }
      out.push({ rows: t.rows, cols: t.cols, texts });
    }
    collect(block.children, out);
  }
  return out;
}
const lines = createInterface({ input: process.stdin });
for await (const path of lines) {
  if (!path) continue;
  const bytes = readFileSync(path);
  const start = process.hrtime.bigint();
  let tables = [], error = null;
  try {
    const result = await parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    if (result.success === false) error = String(result.error || "failed");
    tables = collect(result.blocks, []);
  } catch (e) { error = String(e && e.message || e); }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(JSON.stringify({ path, seconds, tables, error }));
}
"""


def install(fresh: bool = False) -> Path:
    """kordoc in the throwaway folder; raises RuntimeError where Node or npm is missing."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        raise RuntimeError("Node.js and npm are needed (Debian: apt-get install nodejs npm)")
    if fresh and FOLDER.exists():
        shutil.rmtree(FOLDER)
    FOLDER.mkdir(parents=True, exist_ok=True)
    if not (FOLDER / "node_modules" / "kordoc").is_dir():
        (FOLDER / "package.json").write_text('{"name": "cardex-peers", "private": true, "type": "module"}\n')
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", KORDOC], cwd=FOLDER, check=True)
    (FOLDER / "read.mjs").write_text(_SCRIPT)
    return FOLDER


def kordoc_version(folder: Path) -> str:
    return json.loads((folder / "node_modules" / "kordoc" / "package.json").read_text())["version"]


def read_with_kordoc(folder: Path, pdfs: list[Path]) -> dict[Path, dict]:
    done = subprocess.run(
        ["node", "read.mjs"],
        cwd=folder,
        input="\n".join(str(p) for p in pdfs) + "\n",
        capture_output=True,
        text=True,
        check=True,
    )
    out = {}
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            record = json.loads(line)
            out[Path(record["path"])] = record
    return out


def main(argv: list[str]) -> int:
    folders = [a for a in argv if not a.startswith("-")]
    corpus = Path(folders[0]) if folders else CORPUS
    if not corpus.is_dir():
        print(f"peers: {corpus} not found; skipped")
        return 0
    try:
        folder = install(fresh="--fresh" in argv)
    except (RuntimeError, subprocess.CalledProcessError) as exc:
        print(f"peers: kordoc could not be installed ({exc}); skipped")
        return 1
    verbose = "-v" in argv
    rounds = ROUNDS
    for arg in argv:
        if arg.startswith("--rounds="):
            rounds = max(1, int(arg.split("=", 1)[1]))
    chosen = pairs(corpus)
    pdfs = [pdf for _, pdf in chosen]
    # each side reads every PDF `rounds` times, the two sides taking turns, and each PDF's
    # best time counts: a machine whose speed drifts over minutes (a shared host) favours neither
    theirs: dict[Path, dict] = {}
    our_seconds: dict[Path, float] = {}
    our_grids: dict[Path, list[Grid] | None] = {}
    for _ in range(rounds):
        for path, record in read_with_kordoc(folder, pdfs).items():
            if path in theirs:
                record["seconds"] = min(record["seconds"], theirs[path]["seconds"])
            theirs[path] = record
        for pdf in pdfs:
            start = time.perf_counter()
            try:
                our_grids[pdf] = grids_of(pdf)
            except CardexError:
                our_grids[pdf] = None
            elapsed = time.perf_counter() - start
            our_seconds[pdf] = min(elapsed, our_seconds.get(pdf, elapsed))
    ours: list[PairScore] = []
    peer: list[PairScore] = []
    our_time = peer_time = 0.0
    apart = 0
    for source, pdf in chosen:
        record = theirs.get(pdf)
        pdf_grids = our_grids.get(pdf)
        try:
            source_grids = grids_of(source)
        except CardexError:
            source_grids = None
        if not source_grids or pdf_grids is None or record is None:
            apart += 1
            continue
        peer_grids = [Grid(t["rows"], t["cols"], tuple(t["texts"])) for t in record["tables"]]
        our_time += our_seconds[pdf]
        peer_time += record["seconds"]
        ours.append(score(source.parent.name, pdf.name, source_grids, pdf_grids))
        peer.append(score(source.parent.name, pdf.name, source_grids, peer_grids))
        if verbose:
            a, b = ours[-1], peer[-1]
            print(f"pair  cardex {a.found}/{a.cells} cells {a.grids}/{a.tables} grids | kordoc {b.found}/{b.cells} cells "
                  f"{b.grids}/{b.tables} grids  {source.parent.name}/{pdf.name}")  # fmt: skip
    print(f"peers: {len(ours)} pairs scored ({apart} listed apart as in bench-pairs)")
    print(f"  cardex        {summary(ours)}; {our_time:.1f} s")
    print(f"  kordoc {kordoc_version(folder):<6} {summary(peer)}; {peer_time:.1f} s")
    ratio = peer_time / our_time if our_time else float("nan")
    print(f"  time: kordoc / cardex = {ratio:.2f}x (cardex is {ratio:.2f}x as fast; each PDF's best of {rounds} "
          "readings per side, the sides taking turns)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
