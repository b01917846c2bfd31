package local

// registerDataPlane adds the item operations to ops.
func registerDataPlane(ops map[string]opFunc) {
	ops["PutItem"] = writeOp[putItemInput]((*table).put)
	ops["GetItem"] = getItem
	ops["DeleteItem"] = writeOp[deleteItemInput]((*table).delete)
	ops["UpdateItem"] = writeOp[updateItemInput]((*table).update)
	ops["Query"] = readOp[queryInput]()
	ops["Scan"] = readOp[scanInput]()
	ops["BatchGetItem"] = batchGetItem
	ops["BatchWriteItem"] = batchWriteItem
	ops["TransactWriteItems"] = transactWriteItems
	ops["TransactGetItems"] = transactGetItems
}
