package local

import (
	"github.com/dokklib/db/internal/ddbtype"
)

// projects reports whether the index holds attribute name of its items:
// the table's and index's key attributes always, others as the projection
// says.
func (x *index) projects(name string) bool {
	if x.key.isKey(name) || x.tableKey.isKey(name) {
		return true
	}
	switch x.proj.typ {
	case projAll:
		return true
	case projInclude:
		return x.proj.include[name]
	}
	return false
}

// project returns the part of item the index holds.
func (x *index) project(item ddbtype.Item) ddbtype.Item {
	if x.proj.typ == projAll {
		return item
	}
	out := make(ddbtype.Item, len(x.proj.include)+4)
	for name, v := range item {
		if x.projects(name) {
			out[name] = v
		}
	}
	return out
}
