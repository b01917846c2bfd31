package local

import (
	"github.com/dokklib/db/internal/ddbtype"
	"github.com/dokklib/db/internal/expr"
)

// deleteItem implements DeleteItem.
func deleteItem(e *Engine, r *request, dst []byte) ([]byte, error) {
	var in deleteItemInput
	if err := decodeJSON(r.body, &in); err != nil {
		return nil, err
	}
	p, err := in.plan()
	if err != nil {
		return nil, err
	}
	t, err := e.dataTable(in.TableName)
	if err != nil {
		return nil, err
	}
	res, err := t.delete(p)
	if err != nil {
		return nil, err
	}
	return res.appendJSON(dst), nil
}

// deletePlan is a validated DeleteItem.
type deletePlan struct {
	key  ddbtype.Item
	cond *expr.Condition
	ret  *returnInput
}

// plan validates a DeleteItem request.
func (in *deleteItemInput) plan() (*deletePlan, error) {
	if err := requireTableName(in.TableName); err != nil {
		return nil, err
	}
	var v violations
	v.notNull(in.Key != nil, "key")
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
	if c.cond == nil && in.Expected != nil {
		if c.cond, err = expectedCondition(in.Expected, in.ConditionalOperator); err != nil {
			return nil, err
		}
	}
	return &deletePlan{key: in.Key, cond: c.cond, ret: &in.returnInput}, nil
}

// delete runs a validated DeleteItem on the table.
func (t *table) delete(p *deletePlan) (*writeResult, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.deleted {
		return nil, tableNotFoundErr()
	}
	key, err := t.checkKey(p.key)
	if err != nil {
		return nil, err
	}
	old, found := t.items.get(key)
	if p.cond != nil && !p.cond.Eval(old.item) {
		return nil, conditionFailed(p.ret, old.item)
	}
	res := &writeResult{cap: newConsumed(t.name, true), ret: p.ret, metrics: t.collectionKey(p.ret, p.key)}
	res.cap.addWrite(t, old, entry{})
	if found {
		t.removeEntry(old)
		if deref(p.ret.ReturnValues) == rvAllOld {
			res.attrs = old.item
		}
	}
	return res, nil
}
