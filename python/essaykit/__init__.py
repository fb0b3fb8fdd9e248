"""essaykit: recover the structure of an essay — title, sections, lists, footnotes with every
reference linked to its body, sentences and claims — from Markdown or from plain text whose
formatting was lost, with byte spans into the input.

    import essaykit
    doc = essaykit.analyze(open("post.md", "rb").read(), name="post.md")
    print(doc.title.text, [s.title for s in doc.sections])
    for note in doc.footnotes:
        print(note.label, note.text, [doc.text(r) for r in note.refs])
    print(doc.to_json())                       # exactly `essaykit analyze post.md`

    for path, doc in essaykit.batch(["posts.tar.gz"], jobs=2):   # in input order
        ...

analyze() raises, and batch() yields, essaykit.Error subclasses for refused inputs.
"""

from ._errors import (
    AnalysisFailed,
    BinaryInput,
    CorruptArchive,
    DepthLimit,
    Error,
    RatioLimit,
    SymlinkRefused,
    TooLarge,
    Unreadable,
)
from ._essaykit import (
    BatchIterator,
    Claim,
    Diagnostic,
    Document,
    Footnote,
    FootnoteRef,
    ItemRef,
    List,
    ListItem,
    Section,
    Sentence,
    Source,
    Span,
    Stats,
    Title,
    __version__,
    analyze,
    analyze_file,
    batch,
    detect_format,
)

__all__ = [
    "AnalysisFailed", "BatchIterator", "BinaryInput", "Claim", "CorruptArchive", "DepthLimit", "Diagnostic",
    "Document", "Error", "Footnote", "FootnoteRef", "ItemRef", "List", "ListItem", "RatioLimit", "Section",
    "Sentence", "Source", "Span", "Stats", "SymlinkRefused", "Title", "TooLarge", "Unreadable", "__version__",
    "analyze", "analyze_file", "batch", "detect_format",
]
