package local

import (
	"encoding/json"

	"github.com/dokklib/db/internal/ddbtype"
)

// target is one thing a request touches, as faults see it: a table (or
// none), an index, and an item's attributes (nil when the request names
// no item).
type target struct {
	table string
	index string
	item  ddbtype.Item
}

// scopeInput is what faults read of any request.
type scopeInput struct {
	TableName     string          `json:"TableName"`
	IndexName     string          `json:"IndexName"`
	ResourceArn   string          `json:"ResourceArn"`
	Key           ddbtype.Item    `json:"Key"`
	Item          ddbtype.Item    `json:"Item"`
	RequestItems  json.RawMessage `json:"RequestItems"`
	TransactItems []struct {
		Get, Put, Update, Delete, ConditionCheck *txTarget
	} `json:"TransactItems"`
}

// txTarget is what faults read of a transaction's action.
type txTarget struct {
	TableName string       `json:"TableName"`
	Key       ddbtype.Item `json:"Key"`
	Item      ddbtype.Item `json:"Item"`
}

// requestTargets returns what a request touches, in the request's order:
// at least one target. A body that does not decode gives a target with no
// table, which only faults scoped by operation alone match.
func (e *Engine) requestTargets(op string, body []byte) []target {
	var in scopeInput
	if json.Unmarshal(body, &in) != nil {
		return []target{{}}
	}
	var out []target
	switch op {
	case "BatchWriteItem":
		out = batchWriteTargets(in.RequestItems)
	case "BatchGetItem":
		out = batchGetTargets(in.RequestItems)
	case "TransactWriteItems", "TransactGetItems":
		out = txTargets(&in)
	default:
		table := in.TableName
		if in.ResourceArn != "" {
			table, _ = e.tableNameOfARN(in.ResourceArn)
		}
		out = []target{{table: table, index: in.IndexName, item: firstItem(in.Key, in.Item)}}
	}
	if len(out) == 0 {
		return []target{{}}
	}
	return out
}

// firstItem returns the first of its arguments that is not nil.
func firstItem(items ...ddbtype.Item) ddbtype.Item {
	for _, it := range items {
		if it != nil {
			return it
		}
	}
	return nil
}

// batchWriteTargets returns the items of a BatchWriteItem, tables in name
// order as the operation runs them.
func batchWriteTargets(raw json.RawMessage) []target {
	var in map[string][]writeRequest
	if json.Unmarshal(raw, &in) != nil {
		return nil
	}
	var out []target
	for _, name := range sortedNames(in) {
		for _, w := range in[name] {
			t := target{table: name}
			switch {
			case w.PutRequest != nil:
				t.item = w.PutRequest.Item.Decoded()
			case w.DeleteRequest != nil:
				t.item = w.DeleteRequest.Key
			}
			out = append(out, t)
		}
	}
	return out
}

// batchGetTargets returns the keys of a BatchGetItem, tables in name
// order.
func batchGetTargets(raw json.RawMessage) []target {
	var in map[string]*keysAndAttributes
	if json.Unmarshal(raw, &in) != nil {
		return nil
	}
	var out []target
	for _, name := range sortedNames(in) {
		if in[name] == nil {
			continue
		}
		for _, k := range in[name].Keys {
			out = append(out, target{table: name, item: k})
		}
	}
	return out
}

// txTargets returns the items of a transaction, in its order.
func txTargets(in *scopeInput) []target {
	out := make([]target, 0, len(in.TransactItems))
	for _, it := range in.TransactItems {
		a := firstAction(it.Get, it.Put, it.Update, it.Delete, it.ConditionCheck)
		out = append(out, target{table: a.TableName, item: firstItem(a.Key, a.Item)})
	}
	return out
}

// firstAction returns the first action that is set, or an empty one.
func firstAction(actions ...*txTarget) *txTarget {
	for _, a := range actions {
		if a != nil {
			return a
		}
	}
	return &txTarget{}
}

// matches reports whether a fault's scope, but for its operation, covers
// the target.
func (r *faultRule) matches(t target) bool {
	if (r.Table != "" && r.Table != t.table) || (r.Index != "" && r.Index != t.index) {
		return false
	}
	for name, want := range r.key {
		if got, ok := t.item[name]; !ok || !ddbtype.Equal(got, want) {
			return false
		}
	}
	return true
}
