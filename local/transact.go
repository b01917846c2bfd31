package local

import (
	"github.com/dokklib/db/internal/ddbtype"
	"github.com/dokklib/db/internal/expr"
)

// txAction is what one action of a TransactWriteItems does: Put, Update,
// Delete or ConditionCheck, whichever member the request gives it.
type txAction uint8

const (
	actPut txAction = iota + 1
	actUpdate
	actDelete
	actCheck
)

// member returns the action's member name as validation messages spell
// it.
func (a txAction) member() string {
	switch a {
	case actPut:
		return "put"
	case actUpdate:
		return "update"
	case actDelete:
		return "delete"
	}
	return "conditionCheck"
}

// txOp is one validated action of a TransactWriteItems.
type txOp struct {
	action txAction
	table  string
	put    *ddbtype.EncodedItem // Put: the item
	key    ddbtype.Item         // the others: the key
	cond   *expr.Condition
	update *expr.Update // Update: nil for no change besides creating the item
	ret    *returnInput

	// view is the Put's item as the write in table viewIn reads it,
	// made once under the tables' lock (txOp.putView).
	view   putView
	viewIn *table
}

// itemSize returns the size of a Put's item, 0 for the other actions.
func (op *txOp) itemSize() int {
	if op.put == nil {
		return 0
	}
	return op.put.Size
}

// putView returns the Put's view of its item in the table.
func (op *txOp) putView(t *table) (*putView, error) {
	if op.viewIn != t {
		v, err := t.viewPut(op.put)
		if err != nil {
			return nil, err
		}
		op.view, op.viewIn = v, t
	}
	return &op.view, nil
}

// transactWriteItems implements TransactWriteItems: all actions or none,
// isolated from other writers by locking every involved table.
func transactWriteItems(e *Engine, _ *request, in *transactWriteInput, ops []*txOp, dst []byte) ([]byte, error) {
	return e.txTokens.run(e.now(), in.ClientRequestToken, in.hash, dst, func(dst []byte) ([]byte, error) {
		return e.transactWrite(ops, in.ReturnConsumedCapacity, dst)
	}, func(dst []byte) ([]byte, error) {
		return e.transactReplay(ops, in.ReturnConsumedCapacity, dst)
	})
}

// plan validates a TransactWriteItems request that needs no table: first
// the members every action requires, for all actions together, as
// DynamoDB's request validation does, then each action in turn.
func (in *transactWriteInput) plan() ([]*txOp, error) {
	var v violations
	checkTransactCount(&v, len(in.TransactItems), in.TransactItems != nil)
	v.enum(in.ReturnConsumedCapacity, "returnConsumedCapacity", capIndexes, capTotal, capNone)
	v.enum(in.ReturnItemCollectionMetrics, "returnItemCollectionMetrics", "SIZE", "NONE")
	for i := range in.TransactItems {
		it := &in.TransactItems[i]
		if err := it.decideAction(); err != nil {
			return nil, err
		}
		req := it.required()
		checkRequired(&v, i, it.action.member(), req[:])
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	ops := make([]*txOp, 0, len(in.TransactItems))
	size := 0
	for i := range in.TransactItems {
		op, err := in.TransactItems[i].plan()
		if err != nil {
			return nil, err
		}
		if size += op.itemSize(); size > maxTransactBytes {
			return nil, validationErr("Transaction request size has exceeded the maximum allowed size of 4 MB")
		}
		ops = append(ops, op)
	}
	return ops, nil
}

// decideAction sets the item's action from the one member it has.
func (it *transactWriteItem) decideAction() error {
	n := 0
	for _, m := range [...]struct {
		set    bool
		action txAction
	}{{it.Put != nil, actPut}, {it.Update != nil, actUpdate}, {it.Delete != nil, actDelete}, {it.ConditionCheck != nil, actCheck}} {
		if m.set {
			it.action, n = m.action, n+1
		}
	}
	if n != 1 {
		return validationErr("TransactItems can only contain one of Check, Put, Update or Delete")
	}
	return nil
}

// requiredMember is a member an action must have, and whether it lacks
// it.
type requiredMember struct {
	name    string
	missing bool
}

// checkRequired records the missing ones among the members of the i-th
// transaction item (from 0), those of its member action, at their paths
// in the request. DynamoDB's request validation reports them for all
// items before it looks at any item further.
func checkRequired(v *violations, i int, action string, members []requiredMember) {
	for _, m := range members {
		if m.missing {
			v.notNull(false, memberPath("transactItems", i)+action+"."+m.name)
		}
	}
}

// required lists the members the item's action requires, in the order
// DynamoDB's messages name them.
func (it *transactWriteItem) required() [3]requiredMember {
	switch it.action {
	case actPut:
		p := it.Put
		return [3]requiredMember{{"item", p.Item.isNull()}, {"tableName", p.TableName == nil}}
	case actUpdate:
		u := it.Update
		return [3]requiredMember{{"key", u.Key == nil}, {"tableName", u.TableName == nil}, {"updateExpression", u.UpdateExpression == nil}}
	case actDelete:
		d := it.Delete
		return [3]requiredMember{{"key", d.Key == nil}, {"tableName", d.TableName == nil}}
	}
	c := it.ConditionCheck
	return [3]requiredMember{{"conditionExpression", c.ConditionExpression == nil}, {"key", c.Key == nil}, {"tableName", c.TableName == nil}}
}

// plan validates the item's action by the rules of the matching
// single-item operation; its required members are present.
func (it *transactWriteItem) plan() (*txOp, error) {
	var op *txOp
	var err error
	switch it.action {
	case actPut:
		op, err = it.Put.plan()
	case actUpdate:
		op, err = it.Update.plan()
	case actDelete:
		op, err = it.Delete.plan()
	default:
		op, err = it.ConditionCheck.plan()
	}
	if err != nil {
		return nil, err
	}
	op.action = it.action
	return op, nil
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

// plan validates a Put as PutItem would.
func (p *txPut) plan() (*txOp, error) {
	in := putItemInput{TableName: p.TableName, Item: p.Item, condWriteInput: p.condWrite()}
	pp, err := in.plan()
	if err != nil {
		return nil, err
	}
	return &txOp{table: *p.TableName, put: pp.item, cond: pp.cond, ret: pp.ret}, nil
}

// plan validates a Delete or a ConditionCheck as DeleteItem would.
func (k *txKeyed) plan() (*txOp, error) {
	in := deleteItemInput{keyInput: keyInput{TableName: k.TableName, Key: k.Key}, condWriteInput: k.condWrite()}
	dp, err := in.plan()
	if err != nil {
		return nil, err
	}
	return &txOp{table: *k.TableName, key: dp.key, cond: dp.cond, ret: dp.ret}, nil
}

// plan validates an Update as UpdateItem would.
func (u *txUpdate) plan() (*txOp, error) {
	in := updateItemInput{keyInput: keyInput{TableName: u.TableName, Key: u.Key}, UpdateExpression: u.UpdateExpression,
		ConditionExpression: u.ConditionExpression, exprInput: u.exprInput, returnInput: u.returns()}
	up, err := in.plan()
	if err != nil {
		return nil, err
	}
	return &txOp{table: *u.TableName, key: up.key, cond: up.cond, update: up.update, ret: up.ret}, nil
}

// transactWrite runs validated actions atomically.
func (e *Engine) transactWrite(ops []*txOp, capMode *string, dst []byte) ([]byte, error) {
	caps := map[string]*consumed{}
	err := e.withTables(tableNames(ops, func(op *txOp) string { return op.table }), true, func(l *lockedTables) error {
		olds, news, found, err := prepareTx(l, ops)
		if err != nil {
			return err
		}
		for i, op := range ops {
			t := l.table(op.table)
			op.write(t, tally(caps, t.name, true, 2), olds[i], news[i], found[i])
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	dst = append(dst, '{')
	if wantCapacity(capMode) {
		dst = capacityList(append(dst, `"ConsumedCapacity":`...), caps, *capMode)
	}
	return append(dst, '}'), nil
}

// transactReplay answers a TransactWriteItems repeated with the token of
// one that succeeded: it writes nothing, and the capacity it reports is
// that of reading each item, strongly consistent, as DynamoDB reports for
// a repeat (API Reference, TransactWriteItems, ClientRequestToken).
func (e *Engine) transactReplay(ops []*txOp, capMode *string, dst []byte) ([]byte, error) {
	if !wantCapacity(capMode) {
		return append(dst, "{}"...), nil
	}
	caps := map[string]*consumed{}
	err := e.withTables(tableNames(ops, func(op *txOp) string { return op.table }), false, func(l *lockedTables) error {
		for _, op := range ops {
			t := l.table(op.table)
			c := tally(caps, t.name, false, 1)
			if k, err := op.checkKey(t); err == nil { // unless the table changed since
				en, _ := t.items.peek(k)
				c.addRead(nil, en.size, true)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return append(capacityList(append(dst, `{"ConsumedCapacity":`...), caps, *capMode), '}'), nil
}

// prepareTx checks every action against the locked tables: keys (see
// txKeys), then conditions and updates. It returns the stored and new
// entry of each action and whether the item was stored, or the error: a
// TransactionCanceledException when a condition or update failed.
func prepareTx(l *lockedTables, ops []*txOp) ([]entry, []entry, []bool, error) {
	keys, err := txKeys(l, ops)
	if err != nil {
		return nil, nil, nil, err
	}
	olds := make([]entry, len(ops))
	news := make([]entry, len(ops))
	found := make([]bool, len(ops))
	reasons := make([]cancellationReason, len(ops))
	for i, op := range ops {
		t := l.table(op.table)
		olds[i], found[i] = op.read(t, keys[i])
		news[i], reasons[i] = op.apply(t, keys[i], olds[i])
	}
	if err := cancellation(reasons); err != nil {
		return nil, nil, nil, err
	}
	return olds, news, found, nil
}

// read returns the stored entry the action acts on: all of it when its
// condition or update reads the item, else only what the write needs (see
// table.current).
func (op *txOp) read(t *table, key []byte) (entry, bool) {
	if op.cond == nil && (op.action == actPut || op.action == actDelete) {
		return t.current(key, firstItem(op.view.attrs, op.key))
	}
	return t.items.get(key)
}

// write applies a prepared action to its table, old being the stored
// entry (found tells whether there was one) and new the one the action
// makes, and charges it to c. A ConditionCheck writes nothing.
func (op *txOp) write(t *table, c *consumed, old, new entry, found bool) {
	if op.action == actCheck {
		c.addUnits(nil, ddbtype.WriteCapacityUnits(old.size))
		return
	}
	c.addWrite(t, old, new)
	switch op.action {
	case actDelete:
		if found {
			t.removeEntry(old)
		}
	default:
		t.replaceEntry(new, old, found)
	}
}

// checkKey validates the action's key and returns its encoding.
func (op *txOp) checkKey(t *table) ([]byte, error) {
	switch op.action {
	case actPut:
		v, err := op.putView(t)
		if err != nil {
			return nil, err
		}
		return v.checkKeys(t)
	case actUpdate:
		k, err := t.checkKey(op.key)
		if err == nil {
			err = t.checkUpdateTargets(op.update)
		}
		return k, err
	}
	return t.checkKey(op.key)
}

// apply evaluates the action on the stored entry and returns the new
// entry and the action's cancellation reason.
func (op *txOp) apply(t *table, key []byte, old entry) (entry, cancellationReason) {
	if op.cond != nil && !op.cond.Eval(old.item) {
		r := cancellationReason{code: reasonCondition, msg: "The conditional request failed"}
		if deref(op.ret.ReturnValuesOnConditionCheckFailure) == rvAllOld {
			r.item = old.item
		}
		return entry{}, r
	}
	switch op.action {
	case actPut:
		en, err := op.view.entry(t, key)
		if err != nil {
			return entry{}, validationReason(err)
		}
		return en, cancellationReason{code: reasonNone}
	case actUpdate:
		return op.applyUpdate(t, key, old)
	}
	return entry{}, cancellationReason{code: reasonNone}
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
		return entry{}, validationReason(err)
	}
	return entry{key: key, item: item, size: item.Size()}, cancellationReason{code: reasonNone}
}
