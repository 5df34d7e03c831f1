"""`python -m mlops_standards` runs the command line."""

from mlops_standards.cli import main

main()
