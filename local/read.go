package local

import (
	"hash/fnv"

	"github.com/dokklib/db/internal/ddbtype"
	"github.com/dokklib/db/internal/expr"
)

// maxPageBytes is how much data one Query or Scan page reads at most.
const maxPageBytes = 1 << 20

// reader is a validated Query or Scan, ready to run on a table.
type reader struct {
	in      *readInput
	proj    *expr.Projection
	filter  *expr.Condition
	rng     keyRange
	reverse bool
	segment func(entry) bool // parallel scan: whether an entry is in the segment
	x       *index           // nil: the table itself
	fetch   bool             // whether the read fetches items of a local index from the table
	sel     string
	prepare func(*table) error // resolves the read against the table
}

// readOp adapts Query or Scan: read one page with the table locked for
// reading.
func readOp[In any, PIn interface {
	*In
	singleTable[*reader]
}]() opFunc {
	return planOp(func(e *Engine, _ *request, in PIn, rd *reader, dst []byte) ([]byte, error) {
		err := e.withTable(in.tableName(), false, func(t *table) error {
			if err := rd.prepare(t); err != nil {
				return err
			}
			res := rd.run(t)
			dst = res.appendJSON(dst)
			res.release()
			return nil
		})
		if err != nil {
			return nil, err
		}
		return dst, nil
	})
}

// tableName returns the TableName parameter.
func (in *readInput) tableName() *string { return in.TableName }

// readResult is one page of a Query or Scan.
type readResult struct {
	items   []ddbtype.Item
	raw     []byte  // for a direct read, the items' JSON, comma separated
	rawBuf  *[]byte // the pooled buffer raw was built in, given back by release
	count   int
	scanned int
	fetched int // size of the items fetched from the table for a local index
	lastKey ddbtype.Item
	cap     *consumed
	capMode *string
	isCount bool
}

// run reads one page. t.mu must be held.
func (r *reader) run(t *table) *readResult {
	src := t.items
	if r.x != nil {
		src = r.x.items
	}
	res := &readResult{cap: newConsumed(t.name, false), capMode: r.in.ReturnConsumedCapacity, isCount: r.sel == selCount}
	if r.direct(res) {
		r.runDirect(t, res)
		return res
	}
	limit := int(deref(r.in.Limit))
	size := 0
	var last entry
	truncated := false
	src.scan(r.rng.from, r.rng.to, r.reverse, func(en entry) bool {
		if r.segment != nil && !r.segment(en) {
			return true
		}
		res.scanned++
		size += en.size
		last = en
		r.visit(res, en)
		truncated = res.scanned == limit || size >= maxPageBytes
		return !truncated
	})
	if truncated {
		res.lastKey = r.startKey(t, last.item)
	}
	res.cap.addRead(r.x, size, deref(r.in.ConsistentRead))
	if res.fetched > 0 {
		// The fetches are one read of the table, sized as their items
		// together (dynalite test/query.js, "should return all
		// attributes when specified for secondary indexes").
		res.cap.addRead(nil, res.fetched, deref(r.in.ConsistentRead))
	}
	return res
}

// visit filters one scanned entry and collects its output.
func (r *reader) visit(res *readResult, en entry) {
	view := en.item
	if r.x != nil {
		view = r.x.project(en.item)
	}
	if r.filter != nil && !r.filter.Eval(view) {
		return
	}
	res.count++
	if res.isCount {
		return
	}
	if r.fetch {
		res.fetched += en.item.Size()
	}
	full := r.x == nil || !r.x.global
	switch {
	case r.proj != nil && full:
		res.items = append(res.items, r.proj.Apply(en.item))
	case r.proj != nil:
		res.items = append(res.items, r.proj.Apply(view))
	case r.sel == selAll:
		res.items = append(res.items, en.item)
	default:
		res.items = append(res.items, view)
	}
}

// startKey returns the LastEvaluatedKey for an item: the table's key
// attributes, and all the index's for an index read.
func (r *reader) startKey(t *table, item ddbtype.Item) ddbtype.Item {
	if r.x == nil {
		return t.keyOf(item)
	}
	k := make(ddbtype.Item, len(t.key.attrs)+len(r.x.key.attrs))
	return r.x.key.addAttrs(t.key.addAttrs(k, item), item)
}

// exclusiveStart validates ExclusiveStartKey and returns its encoded key
// in the store read, or nil.
func (r *reader) exclusiveStart(t *table) ([]byte, error) {
	esk := r.in.ExclusiveStartKey
	if esk == nil {
		return nil, nil
	}
	if r.x == nil {
		k, err := t.checkKey(esk)
		if err != nil {
			return nil, validationErr("The provided starting key is invalid: " + toAPIError(err).msg)
		}
		return k, nil
	}
	want := len(r.startKey(t, esk))
	tk, err := t.checkKey(t.keyOf(esk))
	if err != nil || len(esk) != want {
		return nil, validationErr("The provided starting key is invalid")
	}
	k, ok := r.x.indexKey(esk, tk)
	if !ok {
		return nil, validationErr("The provided starting key is invalid")
	}
	return k, nil
}

// target resolves IndexName and checks what the read asks of it.
func (r *reader) target(t *table) error {
	if r.in.IndexName == nil {
		return nil
	}
	x := t.indexByName(*r.in.IndexName)
	if x == nil {
		return validationErr("The table does not have the specified index: " + *r.in.IndexName)
	}
	if x.global && deref(r.in.ConsistentRead) {
		return validationErr("Consistent reads are not supported on global secondary indexes")
	}
	if x.global && r.sel == selAll && x.proj.typ != projAll {
		return invalidParam("Select type ALL_ATTRIBUTES is not supported for global secondary index %s because its projection type is not ALL", x.name)
	}
	r.x, r.fetch = x, x.fetches(r.sel, r.proj)
	return nil
}

// inSegment returns the parallel scan filter for segment seg of total:
// items are spread over segments by a hash of their partition key, all
// its attributes for a multi-attribute key.
func inSegment(x *index, t *table, seg, total int64) func(entry) bool {
	ks := t.key
	if x != nil {
		ks = x.key
	}
	return func(en entry) bool {
		var k []byte
		for _, a := range ks.hashAttrs() {
			var err error
			if k, err = ddbtype.AppendKey(k, en.item[a.Name]); err != nil {
				return false
			}
		}
		h := fnv.New32a()
		_, _ = h.Write(k)
		return int64(h.Sum32())%total == seg
	}
}

// appendItems appends the page's items as a JSON array.
func (res *readResult) appendItems(dst []byte) []byte {
	if res.raw == nil {
		return appendItems(dst, res.items)
	}
	return append(append(append(dst, '['), res.raw...), ']')
}

// appendJSON appends the page's response body.
func (res *readResult) appendJSON(dst []byte) []byte {
	dst = append(dst, '{')
	if !res.isCount {
		dst = res.appendItems(append(dst, `"Items":`...))
		dst = append(dst, ',')
	}
	dst = append(dst, `"Count":`...)
	dst = appendInt(dst, res.count)
	dst = append(dst, `,"ScannedCount":`...)
	dst = appendInt(dst, res.scanned)
	if res.lastKey != nil {
		dst = res.lastKey.AppendJSON(append(dst, `,"LastEvaluatedKey":`...))
	}
	if wantCapacity(res.capMode) {
		dst = res.cap.appendJSON(append(dst, `,"ConsumedCapacity":`...), *res.capMode)
	}
	return append(dst, '}')
}
