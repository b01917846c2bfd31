package local

// registerDataPlane adds the item operations to ops.
func registerDataPlane(ops map[string]opFunc) {
	ops["PutItem"] = putItem
	ops["GetItem"] = getItem
	ops["DeleteItem"] = deleteItem
	ops["UpdateItem"] = updateItem
	ops["Query"] = query
	ops["Scan"] = scan
	ops["BatchGetItem"] = batchGetItem
	ops["BatchWriteItem"] = batchWriteItem
	ops["TransactWriteItems"] = transactWriteItems
	ops["TransactGetItems"] = transactGetItems
}
