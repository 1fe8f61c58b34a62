"""Domain operations: rules and writes on rows that blueprints call. They never commit: the request does."""
