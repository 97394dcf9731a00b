"""The committed pages are what `make pages` writes from infra/pages/ (one layout for the head and header)."""
import re

from infra import pages


def test_every_committed_page_is_what_make_pages_writes():
    # Given the page sources and the layout in infra/pages/
    # When the generator renders them and compares with static_site/
    stale = pages.differences()
    # Then no page was edited by hand, none is missing and none lacks a source
    assert not stale, ("static_site/ is written by `make pages` from infra/pages/: make the change in "
                       "infra/pages/source/<page>.html (or the layout) and run `make pages`. Not as written: "
                       + "; ".join(stale))


def test_no_generated_page_carries_inline_script_or_style():
    # Given every page the generator writes
    for name, text in pages.rendered().items():
        # Then each script is a module loaded by src, and nothing is styled inline (the CSP allows neither)
        assert all('src="/js/' in tag for tag in re.findall(r"<script\b[^>]*>", text)), name
        assert not re.search(r"<style\b|\sstyle=|\son[a-z]+=", text), name
