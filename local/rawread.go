package local

import (
	"github.com/dokklib/db/internal/ddbtype"
)

// direct reports whether the read returns whole table items unchanged,
// so that their JSON can be written from the stored encoding.
func (r *reader) direct(res *readResult) bool {
	return r.x == nil && r.filter == nil && r.proj == nil && r.segment == nil && !res.isCount
}

// runDirect reads one page of a direct read, writing the items' JSON to
// res.raw without decoding them. t.mu must be held.
func (r *reader) runDirect(t *table, res *readResult) {
	c := itemCodec{key: t.key}
	limit := int(deref(r.in.Limit))
	size := 0
	var last slot
	truncated := false
	res.rawBuf = rawPool.get()
	res.raw = *res.rawBuf
	keys := make(ddbtype.Item, 2)
	t.items.scanSlots(r.rng.from, r.rng.to, r.reverse, func(sl slot) bool {
		res.scanned++
		res.count++
		size += int(sl.size)
		last = sl
		if res.count > 1 {
			res.raw = append(res.raw, ',')
		}
		res.raw = c.appendJSON(res.raw, sl, keys)
		truncated = res.scanned == limit || size >= maxPageBytes
		return !truncated
	})
	if truncated {
		res.lastKey = r.startKey(t, c.decode(last).item)
	}
	res.cap.addRead(r.x, size, deref(r.in.ConsistentRead))
}

// appendJSON appends the JSON of a table slot's item, as
// c.decode(s).item.AppendJSON would. It decodes the key attributes into
// keys, a scratch map reused from item to item.
func (c itemCodec) appendJSON(dst []byte, s slot, keys ddbtype.Item) []byte {
	if c.keyAttrs(s.key(), keys) {
		out, err := ddbtype.AppendItemJSONFromBinary(dst, s.kd[s.klen:], keys)
		if err == nil {
			return out
		}
	}
	return c.decode(s).item.AppendJSON(dst)
}

// keyAttrs decodes the key attributes of a stored table key into keys,
// replacing those of the previous key, and reports whether it could. The
// values share k's bytes (stored keys are never changed), so keys must not
// outlive the request.
func (c itemCodec) keyAttrs(k []byte, keys ddbtype.Item) bool {
	for _, a := range c.key.attrs {
		v, n, err := ddbtype.DecodeKeyShared(a.Type, k)
		if err != nil {
			return false
		}
		keys[a.Name], k = v, k[n:]
	}
	return len(k) == 0
}

// scanSlots calls fn for the slots with keys in [from, to), as scan does
// for entries, without decoding them.
func (s *store) scanSlots(from, to []byte, reverse bool, fn func(slot) bool) {
	if reverse {
		s.descend(from, to, fn)
		return
	}
	if from == nil {
		from = []byte{}
	}
	if to == nil {
		s.tree.AscendGreaterOrEqual(probe(from), fn)
		return
	}
	s.tree.AscendRange(probe(from), probe(to), fn)
}

// rawPool holds the buffers of direct reads' JSON between requests.
var rawPool = newBytesPool(4096)

// release returns the page's JSON buffer, if any, for reuse; res.raw
// must not be used after.
func (res *readResult) release() {
	if res.rawBuf != nil {
		*res.rawBuf = res.raw
		rawPool.put(res.rawBuf)
	}
	res.raw, res.rawBuf = nil, nil
}
