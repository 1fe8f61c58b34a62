"""Domain operations: the one service layer that the assess, reports and consult blueprints call.

Service functions read and write through the session but never commit: the view commits once.
"""
