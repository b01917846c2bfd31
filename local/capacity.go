package local

import (
	"bytes"
	"slices"
	"strconv"

	"github.com/dokklib/db/internal/ddbtype"
)

// Values of ReturnConsumedCapacity.
const (
	capNone    = "NONE"
	capTotal   = "TOTAL"
	capIndexes = "INDEXES"
)

// consumed is the capacity one operation consumed on one table, computed
// with DynamoDB's rules: reads in 4 KB units (halved when eventually
// consistent), writes in 1 KB units, index writes counted per index, and
// transactional operations doubled.
type consumed struct {
	table  string
	write  bool
	units  float64            // on the table itself
	gsis   map[string]float64 // on each GSI
	lsis   map[string]float64 // on each LSI
	factor float64            // 2 in transactions
}

// newConsumed returns an empty tally for a table.
func newConsumed(table string, write bool) *consumed {
	return &consumed{table: table, write: write, factor: 1}
}

// addRead counts reading size bytes from the table (or index x).
func (c *consumed) addRead(x *index, size int, consistent bool) {
	c.addUnits(x, ddbtype.ReadCapacityUnits(size, consistent))
}

// addUnits adds units on the table, or on index x when it is not nil.
func (c *consumed) addUnits(x *index, units float64) {
	if x == nil {
		c.units += units
		return
	}
	m := &c.lsis
	if x.global {
		m = &c.gsis
	}
	if *m == nil {
		*m = map[string]float64{}
	}
	(*m)[x.name] += units
}

// addWrite counts writing an item that was old and becomes new (either
// may be the zero entry for a missing item) on the table and its indexes.
func (c *consumed) addWrite(t *table, old, new entry) {
	c.units += ddbtype.WriteCapacityUnits(max(old.size, new.size))
	for _, x := range t.allIndexes() {
		if u := x.writeUnits(old, new); u > 0 {
			c.addUnits(x, u)
		}
	}
}

// writeUnits is what a write costs the index: one write of the projected
// item, or two when its index key changes.
func (x *index) writeUnits(old, new entry) float64 {
	var ob, nb [128]byte // the keys are only compared
	ok, inOld := x.scratchKey(ob[:0], old)
	nk, inNew := x.scratchKey(nb[:0], new)
	var units float64
	switch {
	case inOld && inNew && bytes.Equal(ok, nk):
		units = ddbtype.WriteCapacityUnits(max(x.projectedSize(old), x.projectedSize(new)))
	default:
		if inOld {
			units += ddbtype.WriteCapacityUnits(x.projectedSize(old))
		}
		if inNew {
			units += ddbtype.WriteCapacityUnits(x.projectedSize(new))
		}
	}
	return units
}

// total returns all units consumed.
func (c *consumed) total() float64 {
	sum := c.units
	for _, u := range c.gsis {
		sum += u
	}
	for _, u := range c.lsis {
		sum += u
	}
	return sum * c.factor
}

// appendJSON appends the ConsumedCapacity object for mode TOTAL or
// INDEXES.
func (c *consumed) appendJSON(dst []byte, mode string) []byte {
	dst = append(dst, `{"TableName":`...)
	dst = ddbtype.AppendJSONString(dst, c.table)
	dst = c.appendUnits(append(dst, ','), c.total())
	if mode == capIndexes {
		dst = append(dst, `,"Table":{`...)
		dst = c.appendUnits(dst, c.units*c.factor)
		dst = append(dst, '}')
		dst = c.appendIndexUnits(dst, "GlobalSecondaryIndexes", c.gsis)
		dst = c.appendIndexUnits(dst, "LocalSecondaryIndexes", c.lsis)
	}
	return append(dst, '}')
}

// appendUnits appends "CapacityUnits":u and the read or write units.
func (c *consumed) appendUnits(dst []byte, u float64) []byte {
	dst = append(dst, `"CapacityUnits":`...)
	dst = strconv.AppendFloat(dst, u, 'f', -1, 64)
	if c.write {
		dst = append(dst, `,"WriteCapacityUnits":`...)
	} else {
		dst = append(dst, `,"ReadCapacityUnits":`...)
	}
	return strconv.AppendFloat(dst, u, 'f', -1, 64)
}

// appendIndexUnits appends a map of index names to their capacity.
func (c *consumed) appendIndexUnits(dst []byte, name string, m map[string]float64) []byte {
	if len(m) == 0 {
		return dst
	}
	dst = append(dst, `,"`...)
	dst = append(dst, name...)
	dst = append(dst, `":{`...)
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	slices.Sort(names)
	for i, n := range names {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = ddbtype.AppendJSONString(dst, n)
		dst = append(dst, ":{"...)
		dst = c.appendUnits(dst, m[n]*c.factor)
		dst = append(dst, '}')
	}
	return append(dst, '}')
}

// wantCapacity reports whether ReturnConsumedCapacity asks for it.
func wantCapacity(mode *string) bool {
	return mode != nil && (*mode == capTotal || *mode == capIndexes)
}

// scratchKey is indexKey writing to buf, for a key that is not kept.
func (x *index) scratchKey(buf []byte, en entry) ([]byte, bool) {
	if !x.hasKeyAttrs(en.item) {
		return nil, false
	}
	return x.appendIndexKey(buf, en.item, en.key)
}
