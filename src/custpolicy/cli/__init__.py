"""The shell: the command line, the tour and the pytest plugin; the only code that does I/O."""
