"""What the blueprints share on the web side: error pages and headers, form fields and error summaries, rate
limits, the links of a results page, and the rendered results, report and PDF that several audiences view.

It sits between the blueprints (above) and the domain (below): it may import the domain, never a blueprint.
"""
