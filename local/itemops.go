package local

import (
	"github.com/dokklib/db/internal/ddbtype"
)

// Values of ReturnValues and ReturnValuesOnConditionCheckFailure.
const (
	rvNone       = "NONE"
	rvAllOld     = "ALL_OLD"
	rvUpdatedOld = "UPDATED_OLD"
	rvAllNew     = "ALL_NEW"
	rvUpdatedNew = "UPDATED_NEW"
)

// checkReturnShape applies the enum constraints of the Return*
// parameters.
func checkReturnShape(v *violations, r *returnInput) {
	v.enum(r.ReturnValues, "returnValues", rvAllNew, rvUpdatedOld, rvAllOld, rvNone, rvUpdatedNew)
	v.enum(r.ReturnConsumedCapacity, "returnConsumedCapacity", capIndexes, capTotal, capNone)
	v.enum(r.ReturnItemCollectionMetrics, "returnItemCollectionMetrics", "SIZE", "NONE")
	v.enum(r.ReturnValuesOnConditionCheckFailure, "returnValuesOnConditionCheckFailure", rvAllOld, rvNone)
}

// checkOldOrNone rejects ReturnValues other than ALL_OLD and NONE, for
// PutItem and DeleteItem.
func checkOldOrNone(rv *string) error {
	if rv != nil && *rv != rvAllOld && *rv != rvNone {
		return validationErr("ReturnValues can only be ALL_OLD or NONE")
	}
	return nil
}

// planned is a decoded request input that validates itself, before any
// table is looked at, into a plan of type P.
type planned[P any] interface {
	plan() (P, error)
}

// planOp adapts a data-plane operation: it decodes the request into a
// new In, validates it into its plan and hands both to run, which states
// what the operation does with them.
func planOp[In any, PIn interface {
	*In
	planned[P]
}, P any](run func(e *Engine, r *request, in PIn, p P, dst []byte) ([]byte, error)) opFunc {
	return func(e *Engine, r *request, dst []byte) ([]byte, error) {
		in := PIn(new(In))
		if err := decodeJSON(r.body, in); err != nil {
			return nil, err
		}
		p, err := in.plan()
		if err != nil {
			return nil, err
		}
		return run(e, r, in, p, dst)
	}
}

// singleTable is the input of an operation on one table, which it names.
type singleTable[P any] interface {
	planned[P]
	tableName() *string
}

// writeOp adapts a single-item write (PutItem, UpdateItem, DeleteItem):
// run acts on the table locked for writing, and its changes are
// committed.
func writeOp[In any, PIn interface {
	*In
	singleTable[P]
}, P any](run func(*table, P) (*writeResult, error)) opFunc {
	return planOp(func(e *Engine, _ *request, in PIn, p P, dst []byte) ([]byte, error) {
		var res *writeResult
		err := e.withTable(in.tableName(), true, func(t *table) (err error) {
			res, err = run(t, p)
			return err
		})
		if err != nil {
			return nil, err
		}
		return res.appendJSON(dst), nil
	})
}

// tableName returns the TableName parameter.
func (in *putItemInput) tableName() *string { return in.TableName }

// tableName returns the TableName parameter.
func (in *keyInput) tableName() *string { return in.TableName }

// withTable runs fn on the table a data-plane request names, locked for
// writing when write is set, else for reading. A write's changes are
// staged before the lock is released and durable before it is answered;
// a read is answered once the writes it saw are durable.
func (e *Engine) withTable(name *string, write bool, fn func(*table) error) error {
	if err := requireTableName(name); err != nil {
		return err
	}
	t := e.lookupTable(*name)
	if t == nil {
		return tableNotFoundErr()
	}
	if write {
		return e.mutate(t, func() error { return fn(t) })
	}
	t.mu.RLock()
	if t.deleted {
		t.mu.RUnlock()
		return tableNotFoundErr()
	}
	err := fn(t)
	staged := t.staged.Load()
	t.mu.RUnlock()
	return durableAfter(e.durable(staged), err)
}

// writeResult is what a single-item write answers.
type writeResult struct {
	attrs   ddbtype.Item // nil: no Attributes
	cap     *consumed
	ret     *returnInput
	metrics ddbtype.Item // the item collection key, when asked for
}

// appendJSON appends the write's response body.
func (r *writeResult) appendJSON(dst []byte) []byte {
	dst = append(dst, '{')
	sep := false
	if r.attrs != nil {
		dst = append(dst, `"Attributes":`...)
		dst = r.attrs.AppendJSON(dst)
		sep = true
	}
	if wantCapacity(r.ret.ReturnConsumedCapacity) {
		dst = appendSep(dst, sep, `"ConsumedCapacity":`)
		dst = r.cap.appendJSON(dst, *r.ret.ReturnConsumedCapacity)
		sep = true
	}
	if r.metrics != nil {
		dst = appendSep(dst, sep, `"ItemCollectionMetrics":{"ItemCollectionKey":`)
		dst = r.metrics.AppendJSON(dst)
		dst = append(dst, `,"SizeEstimateRangeGB":[0,1]}`...)
	}
	return append(dst, '}')
}

// appendSep appends a comma when sep is set, then s.
func appendSep(dst []byte, sep bool, s string) []byte {
	if sep {
		dst = append(dst, ',')
	}
	return append(dst, s...)
}

// collectionKey returns the item collection key reported for
// ReturnItemCollectionMetrics SIZE: only tables with LSIs have item
// collections.
func (t *table) collectionKey(ret *returnInput, item ddbtype.Item) ddbtype.Item {
	if deref(ret.ReturnItemCollectionMetrics) != "SIZE" || len(t.lsis) == 0 || item == nil {
		return nil
	}
	pk := t.key.partition().Name
	return ddbtype.Item{pk: item[pk]}
}

// conditionFailed returns the ConditionalCheckFailedException, with the
// item when ReturnValuesOnConditionCheckFailure is ALL_OLD.
func conditionFailed(ret *returnInput, old ddbtype.Item) error {
	if deref(ret.ReturnValuesOnConditionCheckFailure) == rvAllOld && old != nil {
		return conditionalErr(old)
	}
	return conditionalErr(nil)
}
