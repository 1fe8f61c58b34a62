"""The domain below the blueprints: rules and operations on rows, imported by blueprints and never importing them."""
