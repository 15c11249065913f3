"""The intake import: a college's whole intake of agreement drafts from one file."""
