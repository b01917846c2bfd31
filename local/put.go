package local

import (
	"github.com/dokklib/db/internal/ddbtype"
	"github.com/dokklib/db/internal/expr"
)

// putItem implements PutItem.
func putItem(e *Engine, r *request, dst []byte) ([]byte, error) {
	var in putItemInput
	if err := decodeJSON(r.body, &in); err != nil {
		return nil, err
	}
	w, err := in.plan()
	if err != nil {
		return nil, err
	}
	t, err := e.dataTable(in.TableName)
	if err != nil {
		return nil, err
	}
	res, err := t.put(w)
	if err != nil {
		return nil, err
	}
	return res.appendJSON(dst), nil
}

// putPlan is a validated PutItem.
type putPlan struct {
	item ddbtype.Item
	cond *expr.Condition
	ret  *returnInput
}

// plan validates a PutItem request in DynamoDB's order.
func (in *putItemInput) plan() (*putPlan, error) {
	if err := requireTableName(in.TableName); err != nil {
		return nil, err
	}
	var v violations
	v.notNull(in.Item != nil, "item")
	checkReturnShape(&v, &in.returnInput)
	if err := v.err(); err != nil {
		return nil, err
	}
	c, err := compileExprs(in.ExpressionAttributeNames, in.ExpressionAttributeValues,
		[]exprParam{{expr.ConditionExpression, in.ConditionExpression}},
		legacyParam{"Expected", in.Expected != nil})
	if err != nil {
		return nil, err
	}
	if err := checkOldOrNone(in.ReturnValues); err != nil {
		return nil, err
	}
	if err := ddbtype.CheckItemSize(in.Item); err != nil {
		return nil, err
	}
	if c.cond == nil && in.Expected != nil {
		if c.cond, err = expectedCondition(in.Expected, in.ConditionalOperator); err != nil {
			return nil, err
		}
	}
	return &putPlan{item: in.Item, cond: c.cond, ret: &in.returnInput}, nil
}

// put runs a validated PutItem on the table.
func (t *table) put(p *putPlan) (*writeResult, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.deleted {
		return nil, tableNotFoundErr()
	}
	key, err := t.checkItemKeys(p.item)
	if err != nil {
		return nil, err
	}
	old, _ := t.items.get(key)
	if p.cond != nil && !p.cond.Eval(old.item) {
		return nil, conditionFailed(p.ret, old.item)
	}
	en := entry{key: key, item: p.item, size: p.item.Size()}
	res := &writeResult{cap: newConsumed(t.name, true), ret: p.ret, metrics: t.collectionKey(p.ret, p.item)}
	res.cap.addWrite(t, old, en)
	t.putEntry(en)
	if deref(p.ret.ReturnValues) == rvAllOld {
		res.attrs = old.item
	}
	return res, nil
}
