"""Stage 4, model + graph + theme -> Markdown pages, pure: no file is read or written
here. Takes the index and the theme, gives outputs (path -> text)."""
