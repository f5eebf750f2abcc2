"""Strategies for the rule families' values, one module per family of [`custpolicy.rules`][].

[`custpolicy.testing`][] exports every strategy of these modules; this package exports none
itself, so that a module and the strategy it is named after (``leads``, ``customers``) never
share a name.
"""
