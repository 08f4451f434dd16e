"""A small HTML reader for the buyer page tests: elements by tag, attribute or id, and their text."""
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Element:
    def __init__(self, tag: str, attrs: dict, parent=None):
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []

    def __getitem__(self, name):
        return self.attrs[name]

    def get(self, name, default=None):
        return self.attrs.get(name, default)

    def _walk(self):
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child._walk()

    def find_all(self, tag=None, attrs=None, **kwargs):
        wanted = {**(attrs or {}), **kwargs}
        return [e for e in self._walk() if (tag is None or e.tag == tag)
                and all(e.attrs.get(k) == str(v) for k, v in wanted.items())]

    def find(self, tag=None, attrs=None, **kwargs):
        found = self.find_all(tag, attrs, **kwargs)
        return found[0] if found else None

    def get_text(self, separator: str = "", strip: bool = False) -> str:
        parts = []
        for child in self.children:
            text = child.get_text(separator, strip) if isinstance(child, Element) else child
            parts.append(text.strip() if strip else text)
        return separator.join(part for part in parts if part or not strip)


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Element("document", {})

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: (v if v is not None else "") for k, v in attrs}, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, {k: (v if v is not None else "") for k, v in attrs}, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(content) -> Element:
    builder = _Builder()
    builder.feed(content.decode() if isinstance(content, bytes) else content)
    return builder.root
