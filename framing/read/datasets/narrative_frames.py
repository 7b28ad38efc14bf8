"""Read the Narrative Frames Corpus (Frermann et al., ACL 2023): news articles coded for five generic frames.

A folder holds ``articles.tsv`` (``ID, source, mbfc, date, text`` and the
aggregated labels ``RE, HI, CO, MO, EC``), ``annotations.json`` (per article
each coder's ``yes``/``no`` answers to the indicator questions, ``-1`` for a
coder who did not code it, and the aggregated answer) and, optionally,
``roles.tsv`` (entities with their narrative role).  A coder's own frame
label is "yes to any of the frame's questions" (:data:`FRAME_QUESTIONS`).

>>> import json, pathlib, tempfile
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> _ = (root / "articles.tsv").write_text(
...     "ID\\tsource\\tmbfc\\tdate\\ttext\\tRE\\tHI\\tCO\\tMO\\tEC\\n7\\tX\\tleft_bias\\t2019-01-02\\tIt cost a lot.\\t"
...     "False\\tFalse\\tFalse\\tFalse\\tTrue\\n")
>>> _ = (root / "annotations.json").write_text(json.dumps({"7": {"ec1": ["yes", ["yes", "no", -1, -1]]}}))
>>> data = read_narrative_frames(root)
>>> data.articles[["article_id", "economic"]].values.tolist(), data.coder_frames["economic"].tolist()
([['7', True]], [True, False])
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from framing.problems import FramingError

__all__ = ["FRAME_COLUMNS", "FRAME_QUESTIONS", "ROLE_QUESTIONS", "NarrativeFramesData", "read_narrative_frames"]

#: The generic frames in the order of ``framing.frames.GENERIC_FRAMES``, with the corpus's column for each.
FRAME_COLUMNS = {"resolution": "RE", "human_interest": "HI", "conflict": "CO", "morality": "MO", "economic": "EC"}
#: The indicator questions whose "yes" marks each frame for a coder (the corpus README).
FRAME_QUESTIONS = {
    "resolution": ("re1", "re5"),
    "human_interest": ("hi1", "hi2", "hi5"),
    "conflict": ("co1", "co2", "co3"),
    "morality": ("mo1", "mo2"),
    "economic": ("ec1", "ec2", "ec3"),
}
#: Aggregated answers read as "no" ("n/a: problem is resolved" answers a resolution question).
NO = ("no", "n/a: problem is resolved")
#: The questions that name an entity's narrative role.
ROLE_QUESTIONS = {"hero": "re6", "villain": "re7", "victim": "hi3"}


@dataclass
class NarrativeFramesData:
    """A Narrative Frames folder as framing sees it.

    ``articles``: ``article_id, source, mbfc, date, text`` and one bool
    column per frame.  ``answers``: one row per coder's answer
    (``article_id, question, coder, answer`` with answer True for yes;
    coders who did not code an article have no rows).  ``questions``: the
    aggregated answers, one row per article and one column per question
    (1.0 yes, 0.0 no, NaN where the coders did not agree).  ``coder_frames``:
    each coder's own frame labels (``article_id, coder`` and one bool column
    per frame).  ``roles``: ``article_id, entity, group, role`` (empty when
    the folder has no ``roles.tsv``).
    """

    articles: pd.DataFrame
    answers: pd.DataFrame
    questions: pd.DataFrame
    coder_frames: pd.DataFrame
    roles: pd.DataFrame

    @property
    def question_targets(self) -> pd.DataFrame:
        """0/1 per article and question: 1 where at least half of the article's coders said yes."""
        answers = self.answers.assign(answer=self.answers["answer"].astype(float))
        share = answers.pivot_table(index="article_id", columns="question", values="answer", aggfunc="mean")
        share = share.reindex(index=self.articles["article_id"], columns=sorted(share.columns))
        return (share.fillna(0.0) >= 0.5).astype(int)

    @property
    def labels(self) -> np.ndarray:
        """The aggregated frame labels as an (n, 5) 0/1 array in ``FRAME_COLUMNS`` order."""
        return self.articles[list(FRAME_COLUMNS)].to_numpy().astype(int)


def _flag(value: str, *, path: Path, row: int) -> bool:
    word = "".join(ch for ch in str(value).lower() if ch.isalpha())
    if word not in ("true", "false"):
        raise FramingError(f"{path}: row {row} has label {value!r}; labels must be True or False")
    return word == "true"


def _articles(path: Path) -> pd.DataFrame:
    if not path.is_file():
        raise FramingError(f"{path} is missing: a Narrative Frames folder needs articles.tsv and annotations.json")
    table = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
    needed = ["ID", "source", "mbfc", "date", "text", *FRAME_COLUMNS.values()]
    missing = [c for c in needed if c not in table.columns]
    if missing:
        raise FramingError(f"{path} lacks the columns {', '.join(missing)}; it needs {', '.join(needed)}")
    out = pd.DataFrame(
        {
            "article_id": table["ID"].astype(str),
            "source": table["source"],
            "mbfc": table["mbfc"],
            "date": table["date"],
            "text": table["text"],
        }
    )
    for frame, column in FRAME_COLUMNS.items():
        out[frame] = [_flag(v, path=path, row=i + 2) for i, v in enumerate(table[column])]
    return out


def _answer(value: Any) -> bool | None:
    """A coder's answer: True for yes, False for no (or "n/a"), None for not coded (-1)."""
    if value == -1 or value == "-1" or value is None:
        return None
    return str(value).strip().lower() == "yes"


def _annotations(path: Path, ids: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    if not path.is_file():
        raise FramingError(f"{path} is missing: a Narrative Frames folder needs articles.tsv and annotations.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FramingError(f"{path} is not readable JSON ({error}); use the corpus's annotations.json") from None
    if not isinstance(data, dict):
        raise FramingError(f"{path} must map article IDs to answers; use the corpus's annotations.json")
    answers: list[dict[str, Any]] = []
    aggregated: dict[str, dict[str, float]] = {}
    for article_id in ids:
        entry = data.get(article_id, {})
        row: dict[str, float] = {}
        for question, value in entry.items():
            if question.startswith("_") or not isinstance(value, list) or len(value) != 2:
                continue
            verdict = str(value[0]).strip().lower()
            row[question] = (
                1.0 if verdict == "yes" else 0.0 if verdict in ("no", "n/a: problem is resolved") else np.nan
            )
            for coder, given in enumerate(value[1]):
                said = _answer(given)
                if said is not None:
                    answers.append({"article_id": article_id, "question": question, "coder": coder, "answer": said})
        aggregated[article_id] = row
    questions = pd.DataFrame.from_dict(aggregated, orient="index").reindex(ids)
    questions.index.name = "article_id"
    table = pd.DataFrame(answers, columns=["article_id", "question", "coder", "answer"])
    return table, questions.reindex(columns=sorted(questions.columns))


def _coder_frames(answers: pd.DataFrame) -> pd.DataFrame:
    """Each coder's frame labels: a frame is present when the coder said yes to any of its questions."""
    columns = ["article_id", "coder", *FRAME_QUESTIONS]
    if answers.empty:
        return pd.DataFrame(columns=columns)
    coded = answers.groupby(["article_id", "coder"], sort=False).size().reset_index()[["article_id", "coder"]]
    for frame, questions in FRAME_QUESTIONS.items():
        yes = answers[answers["question"].isin(questions) & answers["answer"]]
        said = set(zip(yes["article_id"], yes["coder"], strict=True))
        coded[frame] = [(a, c) in said for a, c in zip(coded["article_id"], coded["coder"], strict=True)]
    return coded[columns].reset_index(drop=True)


def read_narrative_frames(folder: str | Path) -> NarrativeFramesData:
    """Read a Narrative Frames folder (``articles.tsv``, ``annotations.json``, optional ``roles.tsv``)."""
    root = Path(folder)
    if not root.is_dir():
        raise FramingError(f"{root} is not a folder; give the Narrative Frames folder (articles.tsv, annotations.json)")
    articles = _articles(root / "articles.tsv")
    ids = articles["article_id"].tolist()
    answers, questions = _annotations(root / "annotations.json", ids)
    roles_path = root / "roles.tsv"
    roles = pd.DataFrame(columns=["article_id", "entity", "group", "role"])
    if roles_path.is_file():
        table = pd.read_csv(roles_path, sep="\t", dtype=str, keep_default_na=False)
        if {"ID", "entity", "group", "role"} <= set(table.columns):
            roles = table.rename(columns={"ID": "article_id"})[["article_id", "entity", "group", "role"]]
    return NarrativeFramesData(articles, answers, questions, _coder_frames(answers), roles.reset_index(drop=True))
