package local

import (
	"github.com/dokklib/db/internal/expr"
)

// plan validates a Query request that needs no table.
func (in *queryInput) plan() (*reader, error) {
	if err := requireTableName(in.TableName); err != nil {
		return nil, err
	}
	var v violations
	in.checkShape(&v)
	if err := v.err(); err != nil {
		return nil, err
	}
	c, err := compileExprs(in.ExpressionAttributeNames, in.ExpressionAttributeValues,
		[]exprParam{{expr.ProjectionExpression, in.ProjectionExpression}, {expr.FilterExpression, in.FilterExpression},
			{expr.KeyConditionExpression, in.KeyConditionExpression}},
		legacyParam{"AttributesToGet", in.AttributesToGet != nil}, legacyParam{"QueryFilter", in.QueryFilter != nil},
		legacyParam{"ConditionalOperator", in.ConditionalOperator != nil}, legacyParam{"KeyConditions", in.KeyConditions != nil && in.KeyConditionExpression != nil})
	if err != nil {
		return nil, err
	}
	if err := checkConditionalOperator(in.ConditionalOperator, len(in.QueryFilter)); err != nil {
		return nil, err
	}
	if in.KeyConditions == nil && in.KeyConditionExpression == nil {
		return nil, validationErr("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.")
	}
	if err := in.checkSelect(); err != nil {
		return nil, err
	}
	if err := c.legacyRead(&in.readInput, in.QueryFilter); err != nil {
		return nil, err
	}
	if c.keyCond == nil {
		if c.keyCond, err = keyConditions(in.KeyConditions); err != nil {
			return nil, err
		}
	}
	rd := &reader{in: &in.readInput, proj: c.proj, filter: c.filter, sel: deref(in.Select),
		reverse: in.ScanIndexForward != nil && !*in.ScanIndexForward}
	rd.prepare = func(t *table) error { return rd.prepareQuery(t, c.keyCond) }
	return rd, nil
}

// legacyRead translates AttributesToGet and a legacy filter.
func (c *compiled) legacyRead(in *readInput, filter map[string]condition) error {
	var err error
	if c.proj == nil && in.AttributesToGet != nil {
		if c.proj, err = attributesToGet(in.AttributesToGet); err != nil {
			return err
		}
	}
	if c.filter == nil && filter != nil {
		c.filter, err = filterCondition(filter, in.ConditionalOperator)
	}
	return err
}

// prepareQuery resolves the key condition against the table or index.
// t.mu must be held.
func (r *reader) prepareQuery(t *table, kc *expr.KeyCondition) error {
	if err := r.target(t); err != nil {
		return err
	}
	ks := t.key
	if r.x != nil {
		ks = r.x.key
	}
	q, err := kc.Resolve(ks.query())
	if err != nil {
		return err
	}
	if err := checkFilterKeys(r.filter, ks); err != nil {
		return err
	}
	if err := r.checkIndexReads(); err != nil {
		return err
	}
	if r.rng, err = queryRange(q); err != nil {
		return err
	}
	start, err := r.exclusiveStart(t)
	if err != nil {
		return err
	}
	if err := checkStartInQuery(start, q.Equal[:ks.nHash], r.rng); err != nil {
		return err
	}
	r.rng = r.rng.after(start, r.reverse)
	return nil
}

// checkFilterKeys rejects a query filter on the key attributes.
func checkFilterKeys(f *expr.Condition, ks keySchema) error {
	if f == nil {
		return nil
	}
	for _, a := range f.Attributes() {
		if ks.isKey(a) {
			return validationErr("Filter Expression can only contain non-primary key attributes: Primary key attribute: " + a)
		}
	}
	return nil
}

// checkIndexReads checks what a Query of an index asks of the attributes
// the index projects, in its filter and its projection.
func (r *reader) checkIndexReads() error {
	if r.x == nil {
		return nil
	}
	if err := r.x.checkFilter(r.filter); err != nil {
		return err
	}
	return r.x.checkProjection(r.proj)
}
