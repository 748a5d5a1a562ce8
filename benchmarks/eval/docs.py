"""Writing the latest figures into docs/taste_eval.md between marker comments.

Each part has its own block (``<!-- sim:start -->`` ... ``<!-- sim:end -->``), so a run of
one part leaves the other part's figures as they were.
"""

from __future__ import annotations

import time
from pathlib import Path


def _block(part: str, body: str) -> str:
    return f"<!-- {part}:start -->\n{body.strip()}\n<!-- {part}:end -->"


def replace_block(text: str, part: str, body: str) -> str:
    """``text`` with the ``part`` block replaced by ``body`` (appended when the block is missing)."""
    start, end = f"<!-- {part}:start -->", f"<!-- {part}:end -->"
    if start in text and end in text:
        head, rest = text.split(start, 1)
        _, tail = rest.split(end, 1)
        return head + _block(part, body) + tail
    return text.rstrip("\n") + "\n\n" + _block(part, body) + "\n"


def sim_body(sim: dict, stamp: str, facts: str, command: str, note: str | None) -> str:
    lines = [f"Measured {stamp} with `python benchmarks/taste_eval.py {command}`", f"on {facts}.", ""]
    lines += [sim["head"] + ", pooled.", ""]
    if note:
        lines += [f"**{note}** — baselines only.", ""]
    lines += [sim["table"], ""] + [f"- {v}" for v in sim["verdicts"]]
    return "\n".join(lines)


def ml_body(ml: dict, stamp: str, facts: str, command: str, note: str | None) -> str:
    if "skipped" in ml:
        return f"Not run {stamp}: {ml['skipped']}."
    lines = [
        f"Measured {stamp} with `python benchmarks/taste_eval.py {command}`",
        f"on {facts}.",
        "",
        ml["head"] + ".",
        "",
    ]
    if note:
        lines += [f"**{note}** — baselines only.", ""]
    lines.append(ml["table"])
    if ml.get("verdict"):
        lines += ["", f"- {ml['verdict']}"]
    if ml.get("use_engine"):
        lines.append(
            f"- the engine's row held already-watched movies {ml['seen']} times; rows shorter than 20:"
            f" {ml.get('short', 0)}; engine errors: {len(ml['errors'])}"
        )
    return "\n".join(lines)


def history_body(history: dict, stamp: str, facts: str, command: str, note: str | None) -> str:
    if "skipped" in history:
        return f"Not run {stamp}: {history['skipped']}."
    lines = [f"Measured {stamp} with `python benchmarks/taste_eval.py {command}`", f"on {facts}.", ""]
    lines += [history["head"] + ".", ""]
    if note:
        lines += [f"**{note}** — baselines only.", ""]
    lines += ["\n\n".join(history["tables"]), ""] + [f"- {v}" for v in history["verdicts"]]
    return "\n".join(lines)


def write_docs(path: Path, out: dict, facts: str) -> None:
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    text = path.read_text(encoding="utf-8") if path.exists() else "# Taste evaluation\n"
    cmd, note = out["argv"], out.get("engine_note")
    if "sim" in out:
        text = replace_block(text, "sim", sim_body(out["sim"], stamp, facts, cmd, note))
    if "movielens" in out:
        fill = out["movielens"].get("fill", "uniform")
        part = "movielens" if fill == "uniform" else f"movielens-{fill}"
        text = replace_block(text, part, ml_body(out["movielens"], stamp, facts, cmd, note))
    if "tables" in out.get("history", {}) or "skipped" in out.get("history", {}):  # not a single --profile
        text = replace_block(text, "history", history_body(out["history"], stamp, facts, cmd, note))
    path.write_text(text, encoding="utf-8")
