package local

import (
	"github.com/dokklib/db/internal/ddbtype"
	"github.com/dokklib/db/internal/expr"
)

// BatchGetItem limits.
const (
	maxBatchGetKeys  = 100
	maxBatchGetBytes = 16 << 20
)

type keysAndAttributes struct {
	Keys                     []ddbtype.Item    `json:"Keys"`
	ProjectionExpression     *string           `json:"ProjectionExpression"`
	AttributesToGet          []string          `json:"AttributesToGet"`
	ExpressionAttributeNames map[string]string `json:"ExpressionAttributeNames"`
	ConsistentRead           *bool             `json:"ConsistentRead"`
}

type batchGetInput struct {
	RequestItems           map[string]*keysAndAttributes `json:"RequestItems"`
	ReturnConsumedCapacity *string                       `json:"ReturnConsumedCapacity"`
}

// batchGetTable is one table's part of a validated BatchGetItem.
type batchGetTable struct {
	name string
	in   *keysAndAttributes
	proj *expr.Projection
}

// batchGetItem implements BatchGetItem. Keys beyond 16 MB of results, and
// those faults leave unprocessed, come back in UnprocessedKeys.
func batchGetItem(e *Engine, r *request, in *batchGetInput, plan []*batchGetTable, dst []byte) ([]byte, error) {
	out := &batchGetOutput{responses: map[string][]ddbtype.Item{}, unprocessed: map[string][]ddbtype.Item{}, caps: map[string]*consumed{},
		leave: r.leaveUnprocessed}
	err := e.withTables(sortedNames(in.RequestItems), false, func(l *lockedTables) error {
		for _, p := range plan {
			if err := out.read(l.table(p.name), p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out.appendJSON(dst, in.ReturnConsumedCapacity, plan), nil
}

// plan validates a BatchGetItem request.
func (in *batchGetInput) plan() ([]*batchGetTable, error) {
	var v violations
	v.notNull(in.RequestItems != nil, "requestItems")
	if in.RequestItems != nil && len(in.RequestItems) == 0 {
		v.add("'{}'", "requestItems", "Member must have length greater than or equal to 1")
	}
	v.enum(in.ReturnConsumedCapacity, "returnConsumedCapacity", capIndexes, capTotal, capNone)
	if err := v.err(); err != nil {
		return nil, err
	}
	var plan []*batchGetTable
	total := 0
	for _, name := range sortedNames(in.RequestItems) {
		p, err := planBatchGetTable(name, in.RequestItems[name])
		if err != nil {
			return nil, err
		}
		if total += len(p.in.Keys); total > maxBatchGetKeys {
			return nil, validationErr("Too many items requested for the BatchGetItem call")
		}
		plan = append(plan, p)
	}
	return plan, nil
}

// planBatchGetTable validates one table's keys and projection.
func planBatchGetTable(name string, ka *keysAndAttributes) (*batchGetTable, error) {
	if err := requireTableName(&name); err != nil {
		return nil, err
	}
	if ka == nil || len(ka.Keys) == 0 {
		return nil, validationErr("1 validation error detected: Value null at 'requestItems." + name + ".member.keys' failed to satisfy constraint: Member must not be null")
	}
	c, err := compileExprs(ka.ExpressionAttributeNames, nil,
		[]exprParam{{expr.ProjectionExpression, ka.ProjectionExpression}},
		legacyParam{"AttributesToGet", ka.AttributesToGet != nil})
	if err != nil {
		return nil, err
	}
	if c.proj == nil && ka.AttributesToGet != nil {
		if c.proj, err = attributesToGet(ka.AttributesToGet); err != nil {
			return nil, err
		}
	}
	return &batchGetTable{name: name, in: ka, proj: c.proj}, nil
}

// batchGetOutput accumulates BatchGetItem's response.
type batchGetOutput struct {
	responses   map[string][]ddbtype.Item
	unprocessed map[string][]ddbtype.Item
	caps        map[string]*consumed
	bytes       int
	leave       func(table string, key ddbtype.Item) bool // keys faults leave unprocessed
}

// read reads one table's keys; t is locked.
func (o *batchGetOutput) read(t *table, p *batchGetTable) error {
	seen := make(map[string]bool, len(p.in.Keys))
	for _, key := range p.in.Keys {
		k, err := t.checkKey(key)
		if err != nil {
			return err
		}
		if seen[string(k)] {
			return validationErr("Provided list of item keys contains duplicates")
		}
		seen[string(k)] = true
		if o.bytes >= maxBatchGetBytes || o.leave(p.name, key) {
			o.unprocessed[p.name] = append(o.unprocessed[p.name], key)
			continue
		}
		en, ok := t.items.get(k)
		tally(o.caps, t.name, false, 1).addRead(nil, en.size, deref(p.in.ConsistentRead))
		if !ok {
			continue
		}
		o.bytes += en.size
		item := en.item
		if p.proj != nil {
			item = p.proj.Apply(item)
		}
		o.responses[p.name] = append(o.responses[p.name], item)
	}
	return nil
}

// appendJSON appends the response body.
func (o *batchGetOutput) appendJSON(dst []byte, capMode *string, plan []*batchGetTable) []byte {
	dst = append(dst, `{"Responses":{`...)
	for i, p := range plan {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = ddbtype.AppendJSONString(dst, p.name)
		dst = appendItems(append(dst, ':'), o.responses[p.name])
	}
	dst = append(dst, `},"UnprocessedKeys":{`...)
	first := true
	for _, p := range plan {
		if keys := o.unprocessed[p.name]; len(keys) > 0 {
			dst = appendSep(dst, !first, "")
			first = false
			dst = appendUnprocessedKeys(dst, p, keys)
		}
	}
	dst = append(dst, '}')
	if wantCapacity(capMode) {
		dst = capacityList(append(dst, `,"ConsumedCapacity":`...), o.caps, *capMode)
	}
	return append(dst, '}')
}

// appendItems appends a JSON array of items.
func appendItems(dst []byte, items []ddbtype.Item) []byte {
	dst = append(dst, '[')
	for i, it := range items {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = it.AppendJSON(dst)
	}
	return append(dst, ']')
}
