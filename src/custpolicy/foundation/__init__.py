"""The foundation every rule family stands on; it imports nothing above it.

Errors, clause citations, explanations, money and splits, calendars and working days,
deadlines, the fair split, contact details, amount bands, batch routing and the policy.
"""
