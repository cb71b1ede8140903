"""A handmade article for literacy tests: claims located by the phrases they contain."""

from __future__ import annotations

import dataclasses

import pandas as pd
import spacy

from toolkit.literacy import annotate
from toolkit.nlp import ensure_pipeline
from toolkit.structure import sentences_from_doc, split_lines
from toolkit.types import Article, Claim, Speaker, frame

BLANK = ensure_pipeline(spacy.blank("en"))


class Case:
    """An article with claims located by the phrases they contain."""

    def __init__(self, text: str, nlp=None) -> None:
        self.text = text
        self.doc = (nlp or BLANK)(text)
        self.sentences = sentences_from_doc(self.doc, "t", lines=split_lines(text))
        self.claims: list[Claim] = []
        self.speakers: dict[str, Speaker] = {}

    def speaker(self, name: str, kind: str, *, named: bool = True, affiliation: str | None = None, reason: str | None = None,
                **more) -> int:
        if name not in self.speakers:
            sid = len(self.speakers)
            self.speakers[name] = Speaker("t", sid, name, kind, named, affiliation=affiliation, anonymity_reason=reason)
        if more:  # gender, speaker_key, resolved … as the speaker layer would set them
            self.speakers[name] = dataclasses.replace(self.speakers[name], **more)
        return self.speakers[name].speaker_id

    def claim(self, content: str, *, speaker: str | None = None, cue: str = "said", lemma: str | None = None,
              stance: str = "assert", quote_type: str = "indirect", hedges: tuple[str, ...] = (),
              after: int = 0, speaker_name: str | None = None, anonymous: bool = False) -> int:
        cs = self.text.index(content, after)
        ce = cs + len(content)
        sent = next(s for s in self.sentences if s.start <= cs < s.end)
        ks = self._near(cue, cs, ce)
        ss = se = sid = None
        if speaker is not None:
            ss = self._near(speaker, cs, ce)
            se = ss + len(speaker)
            sid = self.speakers[speaker_name or speaker].speaker_id
        cid = len(self.claims)
        self.claims.append(
            Claim("t", cid, sent.sentence_id, sid, speaker, ss, se, cue, ks, ks + len(cue), lemma or cue,
                  content, cs, ce, ((cs, ce),), quote_type, stance, hedges, anonymous, speaker is None)
        )
        return cid

    def _near(self, needle: str, cs: int, ce: int) -> int:
        """The occurrence of ``needle`` on the content's line: before it if any, else after it."""
        line_start = self.text.rfind("\n", 0, cs) + 1
        before = self.text.rfind(needle, line_start, cs)
        return before if before >= 0 else self.text.index(needle, cs)

    def run(self):
        return annotate(Article("t", self.text, n_words=len(self.text.split())), self.doc, self.sentences,
                        self.claims, list(self.speakers.values()), [])

    def checks(self) -> pd.DataFrame:
        return frame(self.run()[3], "checks").set_index("check")


