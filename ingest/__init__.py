"""From the law and FAQ sources to a new index version: normalize, chunk, embed, write, swap in atomically."""
