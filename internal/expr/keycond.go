package expr

import (
	"github.com/dokklib/db/internal/ddbtype"
)

// KeyOp is the comparison a key condition applies to one key attribute.
type KeyOp uint8

// The key comparisons a KeyConditionExpression can express.
const (
	KeyEQ KeyOp = iota
	KeyLT
	KeyLE
	KeyGT
	KeyGE
	KeyBetween
	KeyBeginsWith
)

var keyOpNames = [...]string{KeyEQ: "EQ", KeyLT: "LT", KeyLE: "LE", KeyGT: "GT", KeyGE: "GE",
	KeyBetween: "BETWEEN", KeyBeginsWith: "BEGINS_WITH"}

// String returns the legacy ComparisonOperator name, e.g. "BEGINS_WITH".
func (o KeyOp) String() string { return keyOpNames[o] }

// KeyCond is the condition on one key attribute: Name Op Values[0], or
// Name BETWEEN Values[0] AND Values[1]. Conditions written value-first
// (":v < k") are turned around (k > :v).
type KeyCond struct {
	Name   string
	Op     KeyOp
	Values []ddbtype.Value
}

// Match reports whether v satisfies the condition.
func (c *KeyCond) Match(v ddbtype.Value) bool {
	switch c.Op {
	case KeyBetween:
		return compare(cmpGE, v, true, c.Values[0], true) && compare(cmpLE, v, true, c.Values[1], true)
	case KeyBeginsWith:
		return beginsWith(v, c.Values[0])
	}
	return compare(keyCmp[c.Op], v, true, c.Values[0], true)
}

var keyCmp = [...]cmpOp{KeyEQ: cmpEQ, KeyLT: cmpLT, KeyLE: cmpLE, KeyGT: cmpGT, KeyGE: cmpGE}

// KeyCondition is a parsed KeyConditionExpression: one or two conditions
// on distinct top-level attributes joined by AND.
type KeyCondition struct {
	usage
	conds []KeyCond
}

// ParseKeyCondition parses and validates a KeyConditionExpression with its
// expression attribute names and values, and extracts the per-key
// conditions. It does not know the table's key schema: see Resolve.
// Errors are *Error values carrying DynamoDB's message.
func ParseKeyCondition(s string, names map[string]string, values map[string]ddbtype.Value) (*KeyCondition, error) {
	c, err := parseCondition(KeyConditionExpression, s, names, values)
	if err != nil {
		return nil, err
	}
	kc := &KeyCondition{usage: c.usage}
	if err := kc.extract(c.root); err != nil {
		return nil, err
	}
	return kc, nil
}

// Conditions returns the per-key conditions in source order.
func (k *KeyCondition) Conditions() []KeyCond { return k.conds }

// extract walks the AND tree and collects one condition per key, with
// DynamoDB's messages for everything a key condition cannot express.
func (k *KeyCondition) extract(n *node) *Error {
	if n.kind == nAnd {
		for _, a := range n.args {
			if err := k.extract(a); err != nil {
				return err
			}
		}
		return nil
	}
	c, msg := keyCondOf(n)
	if msg != "" {
		return &Error{Message: msg}
	}
	for _, prev := range k.conds {
		if prev.Name == c.Name {
			return &Error{Message: "KeyConditionExpressions must only contain one condition per key"}
		}
	}
	k.conds = append(k.conds, c)
	return nil
}

var cmpKeyOps = [...]KeyOp{cmpEQ: KeyEQ, cmpLT: KeyLT, cmpLE: KeyLE, cmpGT: KeyGT, cmpGE: KeyGE}

// keyOpOf maps an operator node to a key comparison, or reports that the
// operator cannot be used in a key condition.
func keyOpOf(n *node) (KeyOp, bool) {
	switch {
	case n.kind == nCompare && n.cmp != cmpNE:
		return cmpKeyOps[n.cmp], true
	case n.kind == nBetween:
		return KeyBetween, true
	case n.kind == nFunc && n.fn == fnBeginsWith:
		return KeyBeginsWith, true
	}
	return 0, false
}

// flipped turns a comparison around for value-first conditions.
var flipped = [...]KeyOp{KeyEQ: KeyEQ, KeyLT: KeyGT, KeyLE: KeyGE, KeyGT: KeyLT, KeyGE: KeyLE,
	KeyBetween: KeyBetween, KeyBeginsWith: KeyBeginsWith}

// keyCondOf converts one comparison into a KeyCond.
func keyCondOf(n *node) (KeyCond, string) {
	op, ok := keyOpOf(n)
	if !ok {
		return KeyCond{}, "Invalid operator used in KeyConditionExpression: " + n.opName()
	}
	var c KeyCond
	named := false
	for _, a := range n.args {
		switch a.kind {
		case nPath:
			if named {
				return c, "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition"
			}
			if len(a.path.Elems) > 1 {
				return c, "KeyConditionExpressions cannot have conditions on nested attributes"
			}
			c.Name, named = a.path.Top(), true
		case nValue:
			if !named {
				if op == KeyBetween || op == KeyBeginsWith {
					return c, "Invalid condition in KeyConditionExpression: " + n.opName() + " operator must have the key attribute as its first operand"
				}
				op = flipped[op]
			}
			c.Values = append(c.Values, a.val)
		default:
			return c, "KeyConditionExpressions cannot contain nested operations"
		}
	}
	if !named {
		return c, "Invalid condition in KeyConditionExpression: No key attribute specified"
	}
	c.Op = op
	return c, ""
}

// KeySchema names the key attributes of the table or index a query reads,
// and optionally their types (TypeNone skips the type check).
type KeySchema struct {
	PartitionKey  string
	PartitionType ddbtype.Type
	SortKey       string // "" if there is none
	SortType      ddbtype.Type
}

// KeyQuery is a key condition checked against a key schema: the partition
// key value to read, and optionally the condition on the sort key, which
// the engine turns into a range scan.
type KeyQuery struct {
	PartitionKey   string
	PartitionValue ddbtype.Value
	Sort           *KeyCond // nil: the whole partition
}

// Resolve checks the conditions against the key schema with DynamoDB's
// messages ("Query condition missed key schema element: pk", "Query key
// condition not supported", ...) and returns the query they describe.
func (k *KeyCondition) Resolve(s KeySchema) (*KeyQuery, error) {
	schemaSize := 1
	if s.SortKey != "" {
		schemaSize = 2
	}
	if len(k.conds) > 2 {
		return nil, &Error{Message: "Conditions can be of length 1 or 2 only"}
	}
	if len(k.conds) > schemaSize {
		return nil, &Error{Message: "Query key condition not supported"}
	}
	pk := k.find(s.PartitionKey)
	if err := checkPartitionCond(s, pk); err != nil {
		return nil, err
	}
	q := &KeyQuery{PartitionKey: s.PartitionKey, PartitionValue: pk.Values[0]}
	if s.SortKey == "" {
		return q, nil
	}
	q.Sort = k.find(s.SortKey)
	if err := checkSortCond(s, q.Sort, len(k.conds)); err != nil {
		return nil, err
	}
	return q, nil
}

func (k *KeyCondition) find(name string) *KeyCond {
	for i := range k.conds {
		if k.conds[i].Name == name {
			return &k.conds[i]
		}
	}
	return nil
}

const msgTypeMismatch = "One or more parameter values were invalid: Condition parameter type does not match schema type"

func checkPartitionCond(s KeySchema, c *KeyCond) error {
	switch {
	case c == nil:
		return &Error{Message: "Query condition missed key schema element: " + s.PartitionKey}
	case s.PartitionType != ddbtype.TypeNone && c.Values[0].Type != s.PartitionType:
		return &Error{Message: msgTypeMismatch}
	case c.Op != KeyEQ:
		return &Error{Message: "Query key condition not supported"}
	}
	return nil
}

func checkSortCond(s KeySchema, c *KeyCond, conds int) error {
	if c == nil {
		if conds > 1 {
			return &Error{Message: "Query condition missed key schema element: " + s.SortKey}
		}
		return nil
	}
	for _, v := range c.Values {
		if s.SortType != ddbtype.TypeNone && v.Type != s.SortType {
			return &Error{Message: msgTypeMismatch}
		}
	}
	return nil
}
