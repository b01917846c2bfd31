package local

import (
	"github.com/dokklib/db/internal/ddbtype"
	"github.com/dokklib/db/internal/expr"
)

// putPlan is a validated PutItem.
type putPlan struct {
	item *ddbtype.EncodedItem
	cond *expr.Condition
	ret  *returnInput
}

// plan validates a PutItem request in DynamoDB's order.
func (in *putItemInput) plan() (*putPlan, error) {
	cond, err := in.planCondition(in.TableName, !in.Item.isNull(), "item")
	if err != nil {
		return nil, err
	}
	if err := ddbtype.CheckSize(in.Item.Size); err != nil {
		return nil, err
	}
	return &putPlan{item: &in.Item.EncodedItem, cond: cond, ret: &in.returnInput}, nil
}

// planCondition validates what PutItem and DeleteItem share, in
// DynamoDB's order, and returns the condition, if any. member names the
// item or key parameter, which must be present.
func (in *condWriteInput) planCondition(table *string, present bool, member string) (*expr.Condition, error) {
	if err := requireTableName(table); err != nil {
		return nil, err
	}
	var v violations
	v.notNull(present, member)
	checkReturnShape(&v, &in.returnInput)
	if err := v.err(); err != nil {
		return nil, err
	}
	c, err := compileExprs(in.ExpressionAttributeNames, in.ExpressionAttributeValues,
		[]exprParam{{expr.ConditionExpression, in.ConditionExpression}},
		legacyParam{"Expected", in.Expected != nil}, legacyParam{"ConditionalOperator", in.ConditionalOperator != nil})
	if err != nil {
		return nil, err
	}
	if err := checkOldOrNone(in.ReturnValues); err != nil {
		return nil, err
	}
	if c.cond == nil {
		return expectedCondition(in.Expected, in.ConditionalOperator)
	}
	return c.cond, nil
}

// put runs a validated PutItem on the table; t.mu is held for writing.
func (t *table) put(p *putPlan) (*writeResult, error) {
	v, err := t.viewPut(p.item)
	if err != nil {
		return nil, err
	}
	key, err := v.checkKeys(t)
	if err != nil {
		return nil, err
	}
	old, found := t.stored(key, v.attrs, p.cond != nil || deref(p.ret.ReturnValues) == rvAllOld)
	if p.cond != nil && !p.cond.Eval(old.item) {
		return nil, conditionFailed(p.ret, old.item)
	}
	en, err := v.entry(t, key)
	if err != nil {
		return nil, err
	}
	res := &writeResult{cap: newConsumed(t.name, true), ret: p.ret, metrics: t.collectionKey(p.ret, v.attrs)}
	res.cap.addWrite(t, old, en)
	t.replaceEntry(en, old, found)
	if deref(p.ret.ReturnValues) == rvAllOld {
		res.attrs = old.item
	}
	return res, nil
}
