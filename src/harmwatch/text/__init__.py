"""Text with a domain: decoding bytes, guessing the language, matching views of a text with
offsets back into it (obfuscation, Arabic letter forms), and search folding."""

from harmwatch.lazy import lazy_exports

# Each name is imported from its module on first use, so importing the package is cheap.
__getattr__, __dir__, __all__ = lazy_exports(__name__, {
    "arabic": ["fold_letters", "normalize_arabic", "word_span"],
    "decoding": ["decode"],
    "search": ["fold", "fold_words"],
    "language": ["dominant_language", "guess_language"],
    "offsets": ["normalizer", "original_span", "register_normalizer"],
})
