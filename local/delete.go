package local

import (
	"github.com/dokklib/db/internal/ddbtype"
	"github.com/dokklib/db/internal/expr"
)

// deletePlan is a validated DeleteItem.
type deletePlan struct {
	key  ddbtype.Item
	cond *expr.Condition
	ret  *returnInput
}

// plan validates a DeleteItem request.
func (in *deleteItemInput) plan() (*deletePlan, error) {
	cond, err := in.planCondition(in.TableName, in.Key != nil, "key")
	if err != nil {
		return nil, err
	}
	return &deletePlan{key: in.Key, cond: cond, ret: &in.returnInput}, nil
}

// delete runs a validated DeleteItem on the table; t.mu is held for
// writing.
func (t *table) delete(p *deletePlan) (*writeResult, error) {
	key, err := t.checkKey(p.key)
	if err != nil {
		return nil, err
	}
	old, found := t.stored(key, p.key, p.cond != nil || deref(p.ret.ReturnValues) == rvAllOld)
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
