"""MkDocs hook: Material's search box, the site's own index.

Material's search plugin stays for what the theme needs from it: the search
box in the header and `search/search_index.json`, whose `config.separator`
Material's highlight on arrival (`?h=`) splits the query with. The documents
come from transcripts/searchindex.py (search/ in the docs), so no page goes
into the plugin's index: it stays a stub, and the plugin does no work per
page.
"""
from __future__ import annotations


def on_page_markdown(markdown, page, **kwargs):
    page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return markdown
