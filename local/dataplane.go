package local

// registerDataPlane adds the item operations to ops.
func registerDataPlane(ops map[string]opFunc) {
	ops["PutItem"] = writeOp[putItemInput]((*table).put)
	ops["GetItem"] = planOp[getItemInput](getItem)
	ops["DeleteItem"] = writeOp[deleteItemInput]((*table).delete)
	ops["UpdateItem"] = writeOp[updateItemInput]((*table).update)
	ops["Query"] = readOp[queryInput]()
	ops["Scan"] = readOp[scanInput]()
	ops["BatchGetItem"] = planOp[batchGetInput](batchGetItem)
	ops["BatchWriteItem"] = planOp[batchWriteInput](batchWriteItem)
	ops["TransactWriteItems"] = planOp[transactWriteInput](transactWriteItems)
	ops["TransactGetItems"] = planOp[transactGetInput](transactGetItems)
}
