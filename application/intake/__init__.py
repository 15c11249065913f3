"""The intake import: a whole intake of agreement drafts from one file, as a stored job."""
