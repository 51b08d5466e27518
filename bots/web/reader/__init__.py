"""The law reader: `/lov`, `/lov/{law}` (the table of contents) and `/lov/{law}/{section}` (one § by ledd)."""
