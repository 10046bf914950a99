"""Turn raw interview transcripts into cleaned, attributed, anchored pages.

The pipeline, one module per stage:
read -> clean -> paragraphs -> readers (labels, bilingual lines) -> structure
-> speakers -> anchors -> render (Markdown + JSON). `build.py` wires them and
is the only place that writes files.
"""
