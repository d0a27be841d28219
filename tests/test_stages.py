"""The per-document stage list: each stage reads what the stages before it found; one that fails
costs only its own records."""

from __future__ import annotations

from rashomon.extract.stages import STAGES, DocumentContext, Stage, run_stages
from rashomon.ingest.parse import parse
from rashomon.ingest.structure import segment
from rashomon.kb import load_kb
from rashomon.records import Source

TEXT = ("Government troops recaptured the city of Homs on March 27, 2016, a spokesman said in Damascus. "
        "Some 400 fighters were killed in the fighting, according to the army.\n")


def context() -> DocumentContext:
    source = Source("palmyra.txt", TEXT, "0" * 64, published="2016-03-28")
    return DocumentContext(source, next(parse([TEXT])), load_kb([]), tuple(segment(TEXT)))


def test_the_stages_fill_the_context_in_order():
    found = run_stages(context())
    assert found.problems == ()
    homs = next(e for e in found.entities if e.name == "Homs")
    assert homs.lat is not None and homs.kb_id  # placed, then linked
    assert [t.value for t in found.timexes][:1] == ["2016-03-27"]
    assert any(q.value == 400 for q in found.quantities)
    recaptured = [e for e in found.events if "recaptured" in e.text]
    assert recaptured and recaptured[0].date == "2016-03-27" and recaptured[0].place_keys == (homs.id,)


def test_a_failing_stage_costs_only_its_own_records():
    def broken(c: DocumentContext) -> DocumentContext:
        raise ValueError("injected defect")

    stages = [Stage("time", broken) if s.name == "time" else s for s in STAGES]
    found = run_stages(context(), stages)
    assert found.timexes == () and found.problems == ("[R017] the time stage failed: ValueError: injected defect",)
    assert any(q.value == 400 for q in found.quantities) and found.events

