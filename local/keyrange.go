package local

import (
	"bytes"

	"github.com/dokklib/db/internal/ddbtype"
	"github.com/dokklib/db/internal/expr"
)

// keyRange is a range of encoded keys: [from, to), nil meaning open.
type keyRange struct {
	from, to []byte
}

// successor returns the smallest byte string greater than every string
// that starts with p, or nil when there is none.
func successor(p []byte) []byte {
	out := bytes.Clone(p)
	for i := len(out) - 1; i >= 0; i-- {
		if out[i] != 0xFF {
			out[i]++
			return out[:i+1]
		}
	}
	return nil
}

// queryRange returns the range of keys a key query reads: the keys that
// start with the encodings of the values it fixes (the partition and, for
// a multi-attribute sort key, the leading sort attributes), narrowed by
// the condition on the next sort attribute.
func queryRange(q *expr.KeyQuery) (keyRange, error) {
	var part []byte
	for _, v := range q.Equal {
		var err error
		if part, err = ddbtype.AppendKey(part, v); err != nil {
			return keyRange{}, err
		}
	}
	whole := keyRange{from: part, to: successor(part)}
	if q.Sort == nil {
		return whole, nil
	}
	enc := func(v ddbtype.Value) ([]byte, error) {
		return ddbtype.AppendKey(bytes.Clone(part), v)
	}
	lo, err := enc(q.Sort.Values[0])
	if err != nil {
		return keyRange{}, err
	}
	return sortRange(q.Sort, whole, lo, enc)
}

// sortRange narrows the range of a prefix by a sort key condition whose
// first value, appended to the prefix, encodes as lo.
func sortRange(c *expr.KeyCond, whole keyRange, lo []byte, enc func(ddbtype.Value) ([]byte, error)) (keyRange, error) {
	switch c.Op {
	case expr.KeyEQ:
		return keyRange{lo, successor(lo)}, nil
	case expr.KeyLT:
		return keyRange{whole.from, lo}, nil
	case expr.KeyLE:
		return keyRange{whole.from, successor(lo)}, nil
	case expr.KeyGT:
		return keyRange{successor(lo), whole.to}, nil
	case expr.KeyGE:
		return keyRange{lo, whole.to}, nil
	case expr.KeyBeginsWith:
		p := lo[:len(lo)-2] // without the string terminator
		return keyRange{p, successor(p)}, nil
	}
	hi, err := enc(c.Values[1])
	if err != nil {
		return keyRange{}, err
	}
	return keyRange{lo, successor(hi)}, nil
}

// after narrows the range to keys after start (before it when reverse).
func (r keyRange) after(start []byte, reverse bool) keyRange {
	if start == nil {
		return r
	}
	if reverse {
		if r.to == nil || bytes.Compare(start, r.to) < 0 {
			r.to = start
		}
		return r
	}
	next := append(bytes.Clone(start), 0)
	if r.from == nil || bytes.Compare(next, r.from) > 0 {
		r.from = next
	}
	return r
}
