package local

import (
	"bytes"

	"github.com/dokklib/db/internal/ddbtype"
)

// maxBatchWrites is how many writes one BatchWriteItem may hold.
const maxBatchWrites = 25

type writeRequest struct {
	PutRequest *struct {
		Item putItem `json:"Item"`
	} `json:"PutRequest"`
	DeleteRequest *struct {
		Key ddbtype.Item `json:"Key"`
	} `json:"DeleteRequest"`
}

type batchWriteInput struct {
	RequestItems                map[string][]writeRequest `json:"RequestItems"`
	ReturnConsumedCapacity      *string                   `json:"ReturnConsumedCapacity"`
	ReturnItemCollectionMetrics *string                   `json:"ReturnItemCollectionMetrics"`
}

// batchWrite is one validated write of a BatchWriteItem.
type batchWrite struct {
	table string
	put   *ddbtype.EncodedItem // nil for a delete
	key   ddbtype.Item         // the delete's key
}

// item returns the item the write puts, or the key it deletes.
func (w batchWrite) item() ddbtype.Item {
	if w.put != nil {
		return w.put.Decoded()
	}
	return w.key
}

// batchWriteItem implements BatchWriteItem. Every write is applied but
// those faults leave unprocessed.
func batchWriteItem(e *Engine, r *request, in *batchWriteInput, writes []batchWrite, dst []byte) ([]byte, error) {
	caps := map[string]*consumed{}
	var left []batchWrite
	err := e.withTables(sortedNames(in.RequestItems), true, func(l *lockedTables) error {
		entries, err := checkBatchWrites(l, writes)
		if err != nil {
			return err
		}
		for i, w := range writes {
			// not leaveUnprocessed: the item is decoded only for faults
			if r.leave != nil && r.leave(w.table, w.item()) {
				left = append(left, w)
				continue
			}
			t := l.table(w.table)
			old, found := t.current(entries[i].key, firstItem(entries[i].item, w.key))
			tally(caps, t.name, true, 1).addWrite(t, old, entries[i])
			if w.put != nil {
				t.replaceEntry(entries[i], old, found)
			} else if found {
				t.removeEntry(old)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	dst = appendUnprocessedItems(append(dst, '{'), left)
	if wantCapacity(in.ReturnConsumedCapacity) {
		dst = capacityList(append(dst, `,"ConsumedCapacity":`...), caps, *in.ReturnConsumedCapacity)
	}
	return append(dst, '}'), nil
}

// plan validates a BatchWriteItem request that needs no table.
func (in *batchWriteInput) plan() ([]batchWrite, error) {
	var v violations
	v.notNull(in.RequestItems != nil, "requestItems")
	if in.RequestItems != nil && len(in.RequestItems) == 0 {
		v.add("'{}'", "requestItems", "Member must have length greater than or equal to 1")
	}
	for _, name := range sortedNames(in.RequestItems) {
		if n := len(in.RequestItems[name]); n < 1 || n > maxBatchWrites {
			v.add("'{"+name+"=["+itoa(n)+" requests]}'", "requestItems",
				"Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]")
		}
	}
	v.enum(in.ReturnConsumedCapacity, "returnConsumedCapacity", capIndexes, capTotal, capNone)
	v.enum(in.ReturnItemCollectionMetrics, "returnItemCollectionMetrics", "SIZE", "NONE")
	if err := v.err(); err != nil {
		return nil, err
	}
	var writes []batchWrite
	for _, name := range sortedNames(in.RequestItems) {
		if err := requireTableName(&name); err != nil {
			return nil, err
		}
		for i, req := range in.RequestItems[name] {
			w, err := req.plan(name, i)
			if err != nil {
				return nil, err
			}
			writes = append(writes, w)
		}
	}
	if len(writes) > maxBatchWrites {
		return nil, validationErr("Too many items requested for the BatchWriteItem call")
	}
	return writes, nil
}

// plan validates the i-th write request (from 0) of a table.
func (req writeRequest) plan(table string, i int) (batchWrite, error) {
	switch {
	case (req.PutRequest == nil) == (req.DeleteRequest == nil):
		return batchWrite{}, validationErr("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes")
	case req.PutRequest != nil:
		p := &req.PutRequest.Item
		if p.isNull() {
			return batchWrite{}, nullWriteMember(table, i, "putRequest.item")
		}
		if err := ddbtype.CheckSize(p.Size); err != nil {
			return batchWrite{}, err
		}
		return batchWrite{table: table, put: &p.EncodedItem}, nil
	}
	if req.DeleteRequest.Key == nil {
		return batchWrite{}, nullWriteMember(table, i, "deleteRequest.key")
	}
	return batchWrite{table: table, key: req.DeleteRequest.Key}, nil
}

// nullWriteMember is the error for a required member missing from the
// i-th write request (from 0) of a table; member is its path within the
// request.
func nullWriteMember(table string, i int, member string) error {
	var v violations
	v.notNull(false, memberPath("requestItems."+table+".member", i)+member)
	return v.err()
}

// checkBatchWrites validates the writes' keys against their tables and
// rejects two writes of one item. It returns each write's new entry
// (just the key for deletes).
func checkBatchWrites(l *lockedTables, writes []batchWrite) ([]entry, error) {
	out := make([]entry, len(writes))
	for i, w := range writes {
		t := l.table(w.table)
		var err error
		if w.put != nil {
			out[i], err = t.checkPut(w.put)
		} else {
			out[i].key, err = t.checkKey(w.key)
		}
		if err != nil {
			return nil, err
		}
		if writesKey(writes[:i], out[:i], w.table, out[i].key) {
			return nil, validationErr("Provided list of item keys contains duplicates")
		}
	}
	return out, nil
}

// writesKey reports whether one of the writes, whose entries are
// entries, is to the item with key k of the table. A batch holds at most
// 25 writes, so comparing with each costs less than building a set of
// table-and-key strings, which took an allocation per write.
func writesKey(writes []batchWrite, entries []entry, table string, k []byte) bool {
	for j, w := range writes {
		if w.table == table && bytes.Equal(entries[j].key, k) {
			return true
		}
	}
	return false
}
