package local

// Cancellation reason codes.
const (
	reasonNone       = "None"
	reasonCondition  = "ConditionalCheckFailed"
	reasonValidation = "ValidationError"
)

// msgOneItem is DynamoDB's refusal of two actions of a transaction on one
// item.
const msgOneItem = "Transaction request cannot include multiple operations on one item"

// txAct is an action of TransactWriteItems or TransactGetItems as the
// checks of its key see it.
type txAct interface {
	// tableName is the table the action names.
	tableName() string
	// checkEmpty returns the error for an empty string or binary value
	// the action gives a key attribute of the table or its indexes.
	checkEmpty(t *table) error
	// checkKey validates the action's key against the table and returns
	// its encoding.
	checkKey(t *table) ([]byte, error)
}

// txKeys validates the keys of a transaction's actions against their
// locked tables and returns their encodings, in DynamoDB's order. An empty
// key value, then two actions on one item, are the request's error
// (ValidationException); a key that does not match its table is the
// action's, and cancels the transaction with a ValidationError for the
// first such action and None for the others.
func txKeys[T txAct](l *lockedTables, acts []T) ([][]byte, error) {
	for _, a := range acts {
		if err := a.checkEmpty(l.table(a.tableName())); err != nil {
			return nil, err
		}
	}
	keys := make([][]byte, len(acts))
	seen := make(map[string]bool, len(acts))
	bad := -1
	var badErr error
	for i, a := range acts {
		k, err := a.checkKey(l.table(a.tableName()))
		if err != nil {
			if bad < 0 {
				bad, badErr = i, err
			}
			continue
		}
		id := a.tableName() + "\x00" + string(k)
		if seen[id] {
			return nil, validationErr(msgOneItem)
		}
		seen[id] = true
		keys[i] = k
	}
	if bad >= 0 {
		return nil, canceledAlone(len(acts), bad, validationReason(badErr))
	}
	return keys, nil
}

// validationReason is the cancellation reason of an action failing
// validation with err.
func validationReason(err error) cancellationReason {
	return cancellationReason{code: reasonValidation, msg: toAPIError(err).msg}
}

// canceledAlone is the TransactionCanceledException of n actions where
// action i failed for reason r and the others have no reason: DynamoDB
// stops at the first action failing validation.
func canceledAlone(n, i int, r cancellationReason) error {
	reasons := make([]cancellationReason, n)
	for j := range reasons {
		reasons[j].code = reasonNone
	}
	reasons[i] = r
	return canceledErr(reasons)
}

// cancellation returns the TransactionCanceledException for the actions'
// reasons, or nil when none failed. An action failing validation is
// reported alone, as for a key that does not match its table.
func cancellation(reasons []cancellationReason) error {
	failed := false
	for i, r := range reasons {
		if r.code == reasonValidation {
			return canceledAlone(len(reasons), i, r)
		}
		failed = failed || r.code != reasonNone
	}
	if failed {
		return canceledErr(reasons)
	}
	return nil
}

// tableName returns the table the action names.
func (op *txOp) tableName() string { return op.table }

// checkEmpty rejects an empty value of a key attribute in the action's
// item or key.
func (op *txOp) checkEmpty(t *table) error {
	if op.action == actPut {
		v, err := op.putView(t)
		if err != nil {
			return err
		}
		return v.checkEmptyKeys(t)
	}
	return t.checkEmptyKey(op.key)
}

// tableName returns the table the Get names.
func (g txGet) tableName() string { return g.table }

// checkEmpty rejects an empty value of a key attribute in the Get's key.
func (g txGet) checkEmpty(t *table) error { return t.checkEmptyKey(g.key) }

// checkKey validates the Get's key and returns its encoding.
func (g txGet) checkKey(t *table) ([]byte, error) { return t.checkKey(g.key) }
