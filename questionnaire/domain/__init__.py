"""Domain logic: rules and operations on rows that blueprints call; imports no blueprint."""
