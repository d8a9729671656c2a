"""The shared language of tikjobs: API models, tunnel frames and the contract suite."""
