"""Text helpers with a domain: decoding bytes, guessing the language."""
