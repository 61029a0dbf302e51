"""Reading Elasticsearch's marks back into highlights (elastic_highlight.py)."""
from __future__ import annotations

from service.backends import elastic_highlight
from service.backends.elastic_highlight import ElasticHighlighter
from service.backends.elastic_query import ElasticQueryCompiler
from service.query import parse

PARAGRAPH = "The committee said inflation would ease next year as energy prices fell."


def test_a_marked_value_is_read_once_for_every_paragraph_of_its_text(monkeypatch):
    """The engine gives a marked value back once per paragraph, and each was matched to every
    paragraph of the same text: a body of 1,000 paragraphs alike was a million readings, and
    a search finding that article took 10 s in the service after the engine had answered."""
    read = []
    real = elastic_highlight.read_marks

    def counting(value):
        read.append(value)
        return real(value)

    monkeypatch.setattr(elastic_highlight, "read_marks", counting)
    marked_paragraph = PARAGRAPH.replace("ease next year", "<em>ease</em> <em>next</em> <em>year</em>")
    article = {"headline": "Committee report", "body": [PARAGRAPH] * 1_000}
    highlights = ElasticHighlighter(parse('"ease next year"'), ElasticQueryCompiler()).highlight(
        article, {"body.exact": [marked_paragraph] * 1_000})
    assert len(read) == 1
    assert highlights["body"] == [PARAGRAPH.replace("ease next year", "<em>ease next year</em>")] * 3
