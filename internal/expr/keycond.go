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

// KeyAttr is one key attribute: its name and type (TypeNone skips the type
// check).
type KeyAttr struct {
	Name string
	Type ddbtype.Type
}

// KeySchema names the key attributes of the table or index a query reads:
// the partition key's, then the sort key's, each in order. Tables and local
// secondary indexes have one partition attribute and at most one sort
// attribute; a global secondary index may have up to four of each
// (multi-attribute keys).
type KeySchema struct {
	Partition []KeyAttr
	Sort      []KeyAttr // empty: no sort key
}

// multi reports whether the schema has a multi-attribute partition or
// sort key, whose queries DynamoDB checks with other rules and messages.
func (s KeySchema) multi() bool { return len(s.Partition) > 1 || len(s.Sort) > 1 }

// KeyQuery is a key condition checked against a key schema: the values of
// the attributes it fixes with equality, the partition key's then those of
// the sort key's leading attributes, in schema order, and optionally the
// condition on the next sort attribute, which the engine turns into a
// range scan.
type KeyQuery struct {
	Equal []ddbtype.Value
	Sort  *KeyCond // nil: every sort key under Equal
}

// Resolve checks the conditions against the key schema with DynamoDB's
// messages ("Query condition missed key schema element: pk", "Query key
// condition not supported", ...) and returns the query they describe.
func (k *KeyCondition) Resolve(s KeySchema) (*KeyQuery, error) {
	if s.multi() {
		return k.resolveMulti(s)
	}
	return k.resolveSingle(s.Partition[0], s.Sort)
}

// resolveSingle resolves a query of a single-attribute partition key and
// an optional single-attribute sort key.
func (k *KeyCondition) resolveSingle(pa KeyAttr, sort []KeyAttr) (*KeyQuery, error) {
	if len(k.conds) > 2 {
		return nil, &Error{Message: "Conditions can be of length 1 or 2 only"}
	}
	if len(k.conds) > 1+len(sort) {
		return nil, &Error{Message: "Query key condition not supported"}
	}
	pk := k.find(pa.Name)
	if err := checkPartitionCond(pa, pk); err != nil {
		return nil, err
	}
	q := &KeyQuery{Equal: pk.Values[:1]}
	if len(sort) == 0 {
		return q, nil
	}
	q.Sort = k.find(sort[0].Name)
	if err := checkSortCond(sort[0], q.Sort, len(k.conds)); err != nil {
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

func checkPartitionCond(a KeyAttr, c *KeyCond) error {
	switch {
	case c == nil:
		return &Error{Message: "Query condition missed key schema element: " + a.Name}
	case !c.typed(a):
		return &Error{Message: msgTypeMismatch}
	case c.Op != KeyEQ:
		return &Error{Message: "Query key condition not supported"}
	}
	return nil
}

func checkSortCond(a KeyAttr, c *KeyCond, conds int) error {
	if c == nil {
		if conds > 1 {
			return &Error{Message: "Query condition missed key schema element: " + a.Name}
		}
		return nil
	}
	if !c.typed(a) {
		return &Error{Message: msgTypeMismatch}
	}
	return nil
}

// typed reports whether the condition's values are of the attribute's
// type.
func (c *KeyCond) typed(a KeyAttr) bool {
	for _, v := range c.Values {
		if a.Type != ddbtype.TypeNone && v.Type != a.Type {
			return false
		}
	}
	return true
}
