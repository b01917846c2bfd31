package expr

import (
	"strings"

	"github.com/dokklib/db/internal/ddbtype"
)

// resolveMulti resolves a query of a global secondary index with a
// multi-attribute partition or sort key: every partition attribute needs
// an equality condition, and the sort attributes are constrained from the
// left, with equality on all but the last one given. The checks and their
// order are DynamoDB Local 3.3.0's, which words them as DynamoDB does.
func (k *KeyCondition) resolveMulti(s KeySchema) (*KeyQuery, error) {
	if len(k.conds) > len(s.Partition)+len(s.Sort) {
		return nil, &Error{Message: "Query key condition not supported"}
	}
	if err := k.checkPartitionEqual(s.Partition); err != nil {
		return nil, err
	}
	q := &KeyQuery{Equal: make([]ddbtype.Value, 0, len(s.Partition)+len(s.Sort))}
	if err := k.appendEqual(q, s.Partition); err != nil {
		return nil, err
	}
	last := k.lastSortCond(s.Sort)
	if last < 0 {
		return q, k.checkNoOthers(s, 0, len(q.Equal))
	}
	if err := k.checkSortPrefix(s.Sort, last); err != nil {
		return nil, err
	}
	if err := k.appendEqual(q, s.Sort[:last]); err != nil {
		return nil, err
	}
	q.Sort = k.find(s.Sort[last].Name)
	if !q.Sort.typed(s.Sort[last]) {
		return nil, &Error{Message: msgTypeMismatch}
	}
	return q, k.checkNoOthers(s, last+1, len(q.Equal)+1)
}

// checkPartitionEqual requires an equality condition on every partition
// attribute. DynamoDB names the attributes without a condition or, when
// there are none, those with another comparison.
func (k *KeyCondition) checkPartitionEqual(attrs []KeyAttr) error {
	var missing, unequal []string
	for _, a := range attrs {
		switch c := k.find(a.Name); {
		case c == nil:
			missing = append(missing, a.Name)
		case c.Op != KeyEQ:
			unequal = append(unequal, a.Name)
		}
	}
	if len(missing) == 0 {
		missing = unequal
	}
	if len(missing) == 0 {
		return nil
	}
	return &Error{Message: "HASH key attributes " + strings.Join(missing, ", ") + " must have equality conditions specified in the query"}
}

// lastSortCond returns the position of the last sort attribute with a
// condition, or -1.
func (k *KeyCondition) lastSortCond(attrs []KeyAttr) int {
	for i := len(attrs) - 1; i >= 0; i-- {
		if k.find(attrs[i].Name) != nil {
			return i
		}
	}
	return -1
}

// checkSortPrefix requires equality conditions on the sort attributes
// before the last one with a condition.
func (k *KeyCondition) checkSortPrefix(attrs []KeyAttr, last int) error {
	var bad []string
	for _, a := range attrs[:last] {
		if c := k.find(a.Name); c == nil || c.Op != KeyEQ {
			bad = append(bad, a.Name)
		}
	}
	if len(bad) == 0 {
		return nil
	}
	return &Error{Message: "RANGE key attributes " + strings.Join(bad, ", ") +
		" must have equality conditions specified in the query because a condition is present on key attribute " + attrs[last].Name}
}

// appendEqual appends the values of the equality conditions on attrs,
// which all have one, checking their types.
func (k *KeyCondition) appendEqual(q *KeyQuery, attrs []KeyAttr) error {
	for _, a := range attrs {
		c := k.find(a.Name)
		if !c.typed(a) {
			return &Error{Message: msgTypeMismatch}
		}
		q.Equal = append(q.Equal, c.Values[0])
	}
	return nil
}

// checkNoOthers rejects conditions on attributes outside the key, given
// that used conditions are on key attributes. DynamoDB Local leaves the
// element out of the message; like DynamoDB's for single-attribute keys,
// it names the first sort attribute without a condition, next.
func (k *KeyCondition) checkNoOthers(s KeySchema, next, used int) error {
	if len(k.conds) == used {
		return nil
	}
	return &Error{Message: "Query condition missed key schema element: " + s.Sort[next].Name}
}
