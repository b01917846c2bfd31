package local

import (
	"github.com/dokklib/db/internal/ddbtype"
	"github.com/dokklib/db/internal/expr"
)

// updatePlan is a validated UpdateItem.
type updatePlan struct {
	key    ddbtype.Item
	cond   *expr.Condition
	update *expr.Update // nil: no changes besides creating the item
	ret    *returnInput
}

// plan validates an UpdateItem request.
func (in *updateItemInput) plan() (*updatePlan, error) {
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
		[]exprParam{{expr.UpdateExpression, in.UpdateExpression}, {expr.ConditionExpression, in.ConditionExpression}},
		legacyParam{"AttributeUpdates", in.AttributeUpdates != nil}, legacyParam{"Expected", in.Expected != nil},
		legacyParam{"ConditionalOperator", in.ConditionalOperator != nil})
	if err != nil {
		return nil, err
	}
	if c.update == nil && len(in.AttributeUpdates) > 0 {
		if c.update, err = attributeUpdates(in.AttributeUpdates); err != nil {
			return nil, err
		}
	}
	if c.cond == nil {
		if c.cond, err = expectedCondition(in.Expected, in.ConditionalOperator); err != nil {
			return nil, err
		}
	}
	return &updatePlan{key: in.Key, cond: c.cond, update: c.update, ret: &in.returnInput}, nil
}

// update runs a validated UpdateItem on the table; t.mu is held for
// writing.
func (t *table) update(p *updatePlan) (*writeResult, error) {
	old, en, err := t.prepareUpdate(p)
	if err != nil {
		return nil, err
	}
	res := &writeResult{cap: newConsumed(t.name, true), ret: p.ret, metrics: t.collectionKey(p.ret, p.key)}
	res.cap.addWrite(t, old, en)
	t.replaceEntry(en, old, old.item != nil)
	if res.attrs, err = updateReturn(p, old.item, en.item); err != nil {
		return nil, err
	}
	return res, nil
}

// prepareUpdate checks an update against the table and the stored item
// and returns the stored entry (zero if none) and the updated one. t.mu
// must be held.
func (t *table) prepareUpdate(p *updatePlan) (entry, entry, error) {
	key, err := t.checkKey(p.key)
	if err != nil {
		return entry{}, entry{}, err
	}
	if err := t.checkUpdateTargets(p.update); err != nil {
		return entry{}, entry{}, err
	}
	old, _ := t.items.get(key)
	if p.cond != nil && !p.cond.Eval(old.item) {
		return entry{}, entry{}, conditionFailed(p.ret, old.item)
	}
	item, err := applyUpdate(p.update, old.item, p.key)
	if err != nil {
		return entry{}, entry{}, err
	}
	if err := t.checkIndexKeys(item, "The update expression attempted to update a secondary index key to a value that is not supported."); err != nil {
		return entry{}, entry{}, err
	}
	size := item.Size()
	if size > ddbtype.MaxItemSize {
		return entry{}, entry{}, validationErr("Item size to update has exceeded the maximum allowed size")
	}
	return old, entry{key: key, item: item, size: size}, nil
}

// checkUpdateTargets rejects updates of key attributes.
func (t *table) checkUpdateTargets(u *expr.Update) error {
	if u == nil {
		return nil
	}
	for _, name := range u.Targets() {
		if t.key.isKey(name) {
			return invalidParam("Cannot update attribute %s. This attribute is part of the key", name)
		}
	}
	for _, p := range u.TargetPaths() {
		if len(p.Elems) > 1 && t.isIndexKey(p.Top()) {
			return validationErr("Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: IndexKey: " + p.Top())
		}
	}
	return nil
}

// isIndexKey reports whether name is a key attribute of some index.
func (t *table) isIndexKey(name string) bool {
	for _, x := range t.allIndexes() {
		if x.key.isKey(name) {
			return true
		}
	}
	return false
}

// applyUpdate returns the item after the update: the stored item, or the
// key for a new one, with the update applied.
func applyUpdate(u *expr.Update, old, key ddbtype.Item) (ddbtype.Item, error) {
	base := old
	if base == nil {
		base = key
	}
	if u == nil {
		out := make(ddbtype.Item, len(base))
		for k, v := range base {
			out[k] = v
		}
		return out, nil
	}
	return u.Apply(base)
}

// updateReturn returns the Attributes ReturnValues asks for.
func updateReturn(p *updatePlan, old, new ddbtype.Item) (ddbtype.Item, error) {
	switch deref(p.ret.ReturnValues) {
	case rvAllOld:
		return old, nil
	case rvAllNew:
		return new, nil
	case rvUpdatedOld:
		return updatedPaths(p.update, old)
	case rvUpdatedNew:
		return updatedPaths(p.update, new)
	}
	return nil, nil
}

// updatedPaths returns the parts of item the update wrote, or nil.
func updatedPaths(u *expr.Update, item ddbtype.Item) (ddbtype.Item, error) {
	if u == nil || item == nil {
		return nil, nil
	}
	proj, err := pathsProjection(u.TargetPaths())
	if err != nil {
		return nil, err
	}
	out := proj.Apply(item)
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}
