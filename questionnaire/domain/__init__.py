"""The assessment domain: what an assessment is and what may be done with it, below every blueprint.

Loading an assessment through the access check, its questionnaire layout and progress, the rules for combining
standards and editions, the limits of fields, operations on rows, consensus, transfers (JSON/CSV in and out),
the certification cycle and the audit-time tables. It uses models, banks and scoring; it imports no blueprint
and nothing from `web`.
"""
