package expr

import (
	"github.com/dokklib/db/internal/ddbtype"
)

// evalValue evaluates the right-hand side of SET against the item as it
// was before the update. found is false if the result refers to a missing
// attribute.
func evalValue(n *node, item ddbtype.Item) (v ddbtype.Value, found bool, err error) {
	switch n.kind {
	case nPath:
		v, found = lookup(item, n.path)
		return v, found, nil
	case nValue:
		return n.val, true, nil
	}
	a, aok, err := evalValue(n.args[0], item)
	if err != nil {
		return a, false, err
	}
	b, bok, err := evalValue(n.args[1], item)
	if err != nil {
		return b, false, err
	}
	if n.kind == nFunc && n.fn == fnIfNotExists {
		return ifNotExists(a, aok, b, bok)
	}
	if err := checkOperands(n, a, aok, b, bok); err != nil {
		return v, false, err
	}
	return arithmetic(n, a, b)
}

func ifNotExists(a ddbtype.Value, aok bool, b ddbtype.Value, bok bool) (ddbtype.Value, bool, error) {
	switch {
	case !bok:
		return b, false, errAttrNotFound
	case aok:
		return a, true, nil
	}
	return b, true, nil
}

// checkOperands applies DynamoDB's runtime checks to the operands of +, -
// and list_append, one operand after the other: each must exist and have
// the operator's type.
func checkOperands(n *node, a ddbtype.Value, aok bool, b ddbtype.Value, bok bool) error {
	want := ddbtype.TypeN
	if n.kind == nFunc {
		want = ddbtype.TypeL
	}
	for _, op := range [2]struct {
		v  ddbtype.Value
		ok bool
	}{{a, aok}, {b, bok}} {
		if !op.ok {
			return errAttrNotFound
		}
		if op.v.Type != want {
			return errIncorrectType
		}
	}
	return nil
}

// arithmetic computes list_append, + or - on checked operands.
func arithmetic(n *node, a, b ddbtype.Value) (ddbtype.Value, bool, error) {
	var text string
	var err error
	switch n.kind {
	case nFunc:
		l := make([]ddbtype.Value, 0, len(a.L)+len(b.L))
		return ddbtype.Value{Type: ddbtype.TypeL, L: append(append(l, a.L...), b.L...)}, true, nil
	case nPlus:
		text, err = ddbtype.AddNumbers(a.S, b.S)
	default:
		text, err = ddbtype.SubtractNumbers(a.S, b.S)
	}
	if err != nil {
		return a, false, numberError(err)
	}
	return ddbtype.Value{Type: ddbtype.TypeN, S: text}, true, nil
}

// setUnion returns the elements of a and those of b that a lacks, in
// the sets' order (see ddbtype.Value.SortSet).
func setUnion(a, b ddbtype.Value) ddbtype.Value {
	out := ddbtype.Value{Type: a.Type}
	switch a.Type {
	case ddbtype.TypeBS:
		out.BS = append([][]byte(nil), a.BS...)
		for _, e := range b.BS {
			if !containsBytes(out.BS, e) {
				out.BS = append(out.BS, e)
			}
		}
	default:
		out.SS = append([]string(nil), a.SS...)
		for _, e := range b.SS {
			if !setHas(a.Type, out.SS, e) {
				out.SS = append(out.SS, e)
			}
		}
	}
	out.SortSet()
	return out
}

// setDiff returns the elements of a that b lacks.
func setDiff(a, b ddbtype.Value) ddbtype.Value {
	out := ddbtype.Value{Type: a.Type}
	switch a.Type {
	case ddbtype.TypeBS:
		for _, e := range a.BS {
			if !containsBytes(b.BS, e) {
				out.BS = append(out.BS, e)
			}
		}
	default:
		for _, e := range a.SS {
			if !setHas(a.Type, b.SS, e) {
				out.SS = append(out.SS, e)
			}
		}
	}
	return out
}

func setHas(t ddbtype.Type, set []string, e string) bool {
	if t == ddbtype.TypeNS {
		return containsNumber(set, e)
	}
	return containsString(set, e)
}

func setLen(v ddbtype.Value) int {
	if v.Type == ddbtype.TypeBS {
		return len(v.BS)
	}
	return len(v.SS)
}
