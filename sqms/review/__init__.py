"""The management review (ISO 9001 9.3): a report per period, filled from the data.

Each section of clause 9.3.2 is filled from the plan's results, the manual's
history and the registers; a section with no input says so, naming what
would fill it, rather than being left out.
"""
