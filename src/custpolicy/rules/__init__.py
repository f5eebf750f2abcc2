"""The rule families, one package each.

Leads, billing, losses, penalties, complaints (with returns) and customers.

A family imports the foundation and nothing else: never another family, the scenarios or the shell.
"""

FAMILIES = ("leads", "customers", "billing", "losses", "penalties", "complaints")
"""The rule families, each the package ``custpolicy.rules.<family>``, in the order scenario
rules are listed. Each family's module ``scenario`` declares the rules a scenario file may name
(its ``RULES``); [`custpolicy.scenarios`][] reads them from there."""
