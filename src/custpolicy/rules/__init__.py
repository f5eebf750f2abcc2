"""The rule families, one package each.

Leads, billing, losses, penalties, complaints (with returns) and customers.

A family imports the foundation and nothing else: never another family, the scenarios or the shell.
"""
