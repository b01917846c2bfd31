package local

// registerDataPlane adds the item operations to ops.
func registerDataPlane(ops map[string]opFunc) {}
