package local

import (
	"github.com/dokklib/db/internal/ddbtype"
	"github.com/dokklib/db/internal/expr"
)

// txGet is one validated Get of a TransactGetItems.
type txGet struct {
	table string
	key   ddbtype.Item
	proj  *expr.Projection
}

// transactGetItems implements TransactGetItems: a consistent snapshot of
// all the items, read with their tables locked.
func transactGetItems(e *Engine, _ *request, in *transactGetInput, gets []txGet, dst []byte) ([]byte, error) {
	items, caps, err := e.readTxGets(gets, func(i int, item ddbtype.Item) ddbtype.Item {
		if p := gets[i].proj; p != nil {
			return p.Apply(item)
		}
		return item
	})
	if err != nil {
		return nil, err
	}
	return appendTransactGet(dst, items, caps, in.ReturnConsumedCapacity), nil
}

// readTxGets reads the items of a transaction's gets, a consistent
// snapshot read with their tables locked, and charges them as
// TransactGetItems does; project turns the i-th item found into what is
// answered.
func (e *Engine) readTxGets(gets []txGet, project func(i int, item ddbtype.Item) ddbtype.Item) ([]ddbtype.Item, map[string]*consumed, error) {
	items := make([]ddbtype.Item, len(gets))
	caps := map[string]*consumed{}
	err := e.withTables(tableNames(gets, func(g txGet) string { return g.table }), false, func(l *lockedTables) error {
		keys, err := txKeys(l, gets)
		if err != nil {
			return err
		}
		for i, g := range gets {
			en, _ := l.table(g.table).items.get(keys[i])
			tally(caps, g.table, false, 2).addRead(nil, en.size, true)
			if en.item != nil {
				items[i] = project(i, en.item)
			}
		}
		return nil
	})
	return items, caps, err
}

// plan validates a TransactGetItems request.
func (in *transactGetInput) plan() ([]txGet, error) {
	var v violations
	checkTransactCount(&v, len(in.TransactItems), in.TransactItems != nil)
	v.enum(in.ReturnConsumedCapacity, "returnConsumedCapacity", capIndexes, capTotal, capNone)
	for i, it := range in.TransactItems {
		it.checkRequired(&v, i)
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	gets := make([]txGet, 0, len(in.TransactItems))
	for _, it := range in.TransactItems {
		g := getItemInput{keyInput: keyInput{TableName: it.Get.TableName, Key: it.Get.Key},
			ProjectionExpression: it.Get.ProjectionExpression, ExpressionAttributeNames: it.Get.ExpressionAttributeNames}
		proj, err := g.plan()
		if err != nil {
			return nil, err
		}
		gets = append(gets, txGet{table: *g.TableName, key: g.Key, proj: proj})
	}
	return gets, nil
}

// checkRequired records the required members the i-th item (from 0)
// lacks, at their paths in the request.
func (it transactGetItem) checkRequired(v *violations, i int) {
	if it.Get == nil {
		v.notNull(false, memberPath("transactItems", i)+"get")
		return
	}
	checkRequired(v, i, "get", []requiredMember{{"key", it.Get.Key == nil}, {"tableName", it.Get.TableName == nil}})
}

// appendTransactGet appends the response body.
func appendTransactGet(dst []byte, items []ddbtype.Item, caps map[string]*consumed, capMode *string) []byte {
	dst = append(dst, `{"Responses":[`...)
	for i, it := range items {
		dst = appendSep(dst, i > 0, "{")
		if it != nil {
			dst = it.AppendJSON(append(dst, `"Item":`...))
		}
		dst = append(dst, '}')
	}
	dst = append(dst, ']')
	if wantCapacity(capMode) {
		dst = capacityList(append(dst, `,"ConsumedCapacity":`...), caps, *capMode)
	}
	return append(dst, '}')
}
