package local

import (
	"github.com/dokklib/db/internal/ddbtype"
	"github.com/dokklib/db/internal/expr"
)

// txOp is one validated action of a TransactWriteItems.
type txOp struct {
	table  string
	put    ddbtype.Item // Put
	key    ddbtype.Item // the others
	cond   *expr.Condition
	update *expr.Update
	upd    bool // Update (update may be nil for none)
	del    bool // Delete
	ret    *returnInput
}

// transactWriteItems implements TransactWriteItems: all actions or none,
// isolated from other writers by locking every involved table.
func transactWriteItems(e *Engine, r *request, dst []byte) ([]byte, error) {
	var in transactWriteInput
	if err := decodeJSON(r.body, &in); err != nil {
		return nil, err
	}
	ops, err := in.plan()
	if err != nil {
		return nil, err
	}
	return e.txTokens.run(e.now(), in.ClientRequestToken, in.hash, dst, func(dst []byte) ([]byte, error) {
		return e.transactWrite(ops, in.ReturnConsumedCapacity, dst)
	})
}

// plan validates a TransactWriteItems request that needs no table.
func (in *transactWriteInput) plan() ([]*txOp, error) {
	var v violations
	checkTransactCount(&v, len(in.TransactItems), in.TransactItems != nil)
	v.enum(in.ReturnConsumedCapacity, "returnConsumedCapacity", capIndexes, capTotal, capNone)
	v.enum(in.ReturnItemCollectionMetrics, "returnItemCollectionMetrics", "SIZE", "NONE")
	if err := v.err(); err != nil {
		return nil, err
	}
	ops := make([]*txOp, 0, len(in.TransactItems))
	size := 0
	for _, it := range in.TransactItems {
		op, err := it.plan()
		if err != nil {
			return nil, err
		}
		if size += op.put.Size(); size > maxTransactBytes {
			return nil, validationErr("Transaction request size has exceeded the maximum allowed size of 4 MB")
		}
		ops = append(ops, op)
	}
	return ops, nil
}

// plan validates one action by the rules of the matching single-item
// operation.
func (it transactWriteItem) plan() (*txOp, error) {
	n := 0
	for _, set := range []bool{it.ConditionCheck != nil, it.Put != nil, it.Delete != nil, it.Update != nil} {
		if set {
			n++
		}
	}
	if n != 1 {
		return nil, validationErr("TransactItems can only contain one of Check, Put, Update or Delete")
	}
	switch {
	case it.Put != nil:
		return it.Put.plan()
	case it.Delete != nil:
		return it.Delete.planDelete()
	case it.Update != nil:
		return it.Update.plan()
	}
	return it.ConditionCheck.planCheck()
}

// returns returns the action's Return* parameters.
func (c *txCommon) returns() returnInput {
	return returnInput{ReturnValuesOnConditionCheckFailure: c.ReturnValuesOnConditionCheckFailure}
}

// condWrite returns the action's parameters as PutItem and DeleteItem
// take them.
func (c *txCommon) condWrite() condWriteInput {
	return condWriteInput{ConditionExpression: c.ConditionExpression, exprInput: c.exprInput, returnInput: c.returns()}
}

func (p *txPut) plan() (*txOp, error) {
	in := putItemInput{TableName: p.TableName, Item: p.Item, condWriteInput: p.condWrite()}
	pp, err := in.plan()
	if err != nil {
		return nil, err
	}
	return &txOp{table: *p.TableName, put: pp.item, cond: pp.cond, ret: pp.ret}, nil
}

func (k *txKeyed) planDelete() (*txOp, error) {
	in := deleteItemInput{keyInput: keyInput{TableName: k.TableName, Key: k.Key}, condWriteInput: k.condWrite()}
	dp, err := in.plan()
	if err != nil {
		return nil, err
	}
	return &txOp{table: *k.TableName, key: dp.key, cond: dp.cond, ret: dp.ret, del: true}, nil
}

func (u *txUpdate) plan() (*txOp, error) {
	if u.UpdateExpression == nil {
		return nil, validationErr("1 validation error detected: Value null at 'transactItems.1.member.update.updateExpression' failed to satisfy constraint: Member must not be null")
	}
	in := updateItemInput{keyInput: keyInput{TableName: u.TableName, Key: u.Key}, UpdateExpression: u.UpdateExpression,
		ConditionExpression: u.ConditionExpression, exprInput: u.exprInput, returnInput: u.returns()}
	up, err := in.plan()
	if err != nil {
		return nil, err
	}
	return &txOp{table: *u.TableName, key: up.key, cond: up.cond, update: up.update, upd: true, ret: up.ret}, nil
}

func (k *txKeyed) planCheck() (*txOp, error) {
	if k.ConditionExpression == nil {
		return nil, validationErr("1 validation error detected: Value null at 'transactItems.1.member.conditionCheck.conditionExpression' failed to satisfy constraint: Member must not be null")
	}
	in := deleteItemInput{keyInput: keyInput{TableName: k.TableName, Key: k.Key}, condWriteInput: k.condWrite()}
	dp, err := in.plan()
	if err != nil {
		return nil, err
	}
	return &txOp{table: *k.TableName, key: dp.key, cond: dp.cond, ret: dp.ret}, nil
}

// transactWrite runs validated actions atomically.
func (e *Engine) transactWrite(ops []*txOp, capMode *string, dst []byte) ([]byte, error) {
	names := make([]string, len(ops))
	for i, op := range ops {
		names[i] = op.table
	}
	l, err := e.lockTables(names, true)
	if err != nil {
		return nil, err
	}
	defer l.unlock()
	olds, news, found, err := prepareTx(l, ops)
	if err != nil {
		return nil, err
	}
	caps := map[string]*consumed{}
	for i, op := range ops {
		t := l.byName[op.table]
		c := tally(caps, t.name, true, 2)
		if op.isCheck() {
			c.addUnits(nil, ddbtype.WriteCapacityUnits(olds[i].size))
			continue
		}
		c.addWrite(t, olds[i], news[i])
		switch {
		case op.put != nil || op.upd:
			t.replaceEntry(news[i], olds[i], found[i])
		case op.del && found[i]:
			t.removeEntry(olds[i])
		}
	}
	if err := e.commit(l.order...); err != nil {
		return nil, err
	}
	dst = append(dst, '{')
	if wantCapacity(capMode) {
		dst = capacityList(append(dst, `"ConsumedCapacity":`...), caps, *capMode)
	}
	return append(dst, '}'), nil
}

// prepareTx checks every action against the locked tables: keys, one
// action per item, conditions and the updated items. It returns the
// stored and new entry of each action and whether the item was stored,
// or the error: a TransactionCanceledException when a condition or update
// failed. As in DynamoDB Local, failed conditions are reported before two
// actions on one item.
func prepareTx(l *lockedTables, ops []*txOp) ([]entry, []entry, []bool, error) {
	olds := make([]entry, len(ops))
	news := make([]entry, len(ops))
	found := make([]bool, len(ops))
	seen := make(map[string]bool, len(ops))
	reasons := make([]cancellationReason, len(ops))
	failed, twice := false, false
	for i, op := range ops {
		t := l.byName[op.table]
		key, err := op.checkKey(t)
		if err != nil {
			return nil, nil, nil, err
		}
		id := op.table + "\x00" + string(key)
		twice = twice || seen[id]
		seen[id] = true
		olds[i], found[i] = op.read(t, key)
		news[i], reasons[i] = op.apply(t, key, olds[i])
		failed = failed || reasons[i].code != "None"
	}
	switch {
	case failed:
		return nil, nil, nil, canceledErr(reasons)
	case twice:
		return nil, nil, nil, validationErr("Transaction request cannot include multiple operations on one item")
	}
	return olds, news, found, nil
}

// read returns the stored entry the action acts on: all of it when its
// condition or update reads the item, else only what the write needs (see
// table.current).
func (op *txOp) read(t *table, key []byte) (entry, bool) {
	if op.cond == nil && !op.upd && (op.put != nil || op.del) {
		return t.current(key)
	}
	return t.items.get(key)
}

// isCheck reports whether the action is a ConditionCheck, which writes
// nothing.
func (op *txOp) isCheck() bool { return op.put == nil && !op.upd && !op.del }

// checkKey validates the action's key and returns its encoding.
func (op *txOp) checkKey(t *table) ([]byte, error) {
	if op.put != nil {
		return t.checkItemKeys(op.put)
	}
	k, err := t.checkKey(op.key)
	if err == nil && op.upd {
		err = t.checkUpdateTargets(op.update)
	}
	return k, err
}

// apply evaluates the action on the stored entry and returns the new
// entry and the action's cancellation reason.
func (op *txOp) apply(t *table, key []byte, old entry) (entry, cancellationReason) {
	if op.cond != nil && !op.cond.Eval(old.item) {
		r := cancellationReason{code: "ConditionalCheckFailed", msg: "The conditional request failed"}
		if deref(op.ret.ReturnValuesOnConditionCheckFailure) == rvAllOld {
			r.item = old.item
		}
		return entry{}, r
	}
	switch {
	case op.put != nil:
		return entry{key: key, item: op.put, size: op.put.Size()}, cancellationReason{code: "None"}
	case op.upd:
		return op.applyUpdate(t, key, old)
	}
	return entry{}, cancellationReason{code: "None"}
}

// applyUpdate computes an Update action's new entry.
func (op *txOp) applyUpdate(t *table, key []byte, old entry) (entry, cancellationReason) {
	item, err := applyUpdate(op.update, old.item, op.key)
	if err == nil {
		err = t.checkIndexKeys(item, "The update expression attempted to update a secondary index key to a value that is not supported.")
	}
	if err == nil && item.Size() > ddbtype.MaxItemSize {
		err = validationErr("Item size to update has exceeded the maximum allowed size")
	}
	if err != nil {
		return entry{}, cancellationReason{code: "ValidationError", msg: toAPIError(err).msg}
	}
	return entry{key: key, item: item, size: item.Size()}, cancellationReason{code: "None"}
}
