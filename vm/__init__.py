"""The router under test: a simulated RouterOS (``vm.sim``) and a harness for real CHR images."""
