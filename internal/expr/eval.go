package expr

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/dokklib/db/internal/ddbtype"
)

// lookup returns the value at path p in item, and whether it exists.
func lookup(item ddbtype.Item, p *Path) (ddbtype.Value, bool) {
	v, ok := item[p.Elems[0].Name]
	for _, e := range p.Elems[1:] {
		if !ok {
			break
		}
		v, ok = child(v, e)
	}
	return v, ok
}

// child returns the element e of a map or list value.
func child(v ddbtype.Value, e PathElem) (ddbtype.Value, bool) {
	switch {
	case e.IsIndex && v.Type == ddbtype.TypeL:
		if e.Index < len(v.L) {
			return v.L[e.Index], true
		}
	case !e.IsIndex && v.Type == ddbtype.TypeM:
		c, ok := v.M[e.Name]
		return c, ok
	}
	return ddbtype.Value{}, false
}

// evalBool evaluates a condition node. DynamoDB never fails while
// evaluating a condition: type mismatches and missing attributes make
// comparisons false.
func evalBool(n *node, item ddbtype.Item) bool {
	switch n.kind {
	case nAnd:
		return evalBool(n.args[0], item) && evalBool(n.args[1], item)
	case nOr:
		return evalBool(n.args[0], item) || evalBool(n.args[1], item)
	case nNot:
		return !evalBool(n.args[0], item)
	case nCompare:
		a, aok := evalOperand(n.args[0], item)
		b, bok := evalOperand(n.args[1], item)
		return compare(n.cmp, a, aok, b, bok)
	case nBetween:
		return evalBetween(n, item)
	case nIn:
		return evalIn(n, item)
	case nFunc:
		return evalFunc(n, item)
	}
	return false
}

// evalOperand evaluates a path, value or size() operand.
func evalOperand(n *node, item ddbtype.Item) (ddbtype.Value, bool) {
	switch n.kind {
	case nPath:
		return lookup(item, n.path)
	case nValue:
		return n.val, true
	case nFunc:
		if n.fn == fnSize {
			v, ok := evalOperand(n.args[0], item)
			return size(v, ok)
		}
	}
	return ddbtype.Value{}, false
}

// compare applies a comparison operator. = and <> compare any types (and
// <> is true when an operand is missing); the others need two values of the
// same type among S, N and B.
func compare(op cmpOp, a ddbtype.Value, aok bool, b ddbtype.Value, bok bool) bool {
	switch op {
	case cmpEQ:
		return aok && bok && ddbtype.Equal(a, b)
	case cmpNE:
		return !(aok && bok && ddbtype.Equal(a, b))
	}
	if !aok || !bok {
		return false
	}
	c, ok := ddbtype.Compare(a, b)
	if !ok {
		return false
	}
	switch op {
	case cmpLT:
		return c < 0
	case cmpLE:
		return c <= 0
	case cmpGT:
		return c > 0
	}
	return c >= 0
}

func evalBetween(n *node, item ddbtype.Item) bool {
	v, ok := evalOperand(n.args[0], item)
	lo, lok := evalOperand(n.args[1], item)
	hi, hok := evalOperand(n.args[2], item)
	return compare(cmpGE, v, ok, lo, lok) && compare(cmpLE, v, ok, hi, hok)
}

func evalIn(n *node, item ddbtype.Item) bool {
	v, ok := evalOperand(n.args[0], item)
	if !ok {
		return false
	}
	for _, a := range n.args[1:] {
		if w, wok := evalOperand(a, item); wok && ddbtype.Equal(v, w) {
			return true
		}
	}
	return false
}

func evalFunc(n *node, item ddbtype.Item) bool {
	a, aok := evalOperand(n.args[0], item)
	switch n.fn {
	case fnAttributeExists:
		return aok
	case fnAttributeNotExists:
		return !aok
	case fnAttributeType:
		return aok && a.Type.String() == n.args[1].val.S
	}
	b, bok := evalOperand(n.args[1], item)
	if !aok || !bok {
		return false
	}
	if n.fn == fnBeginsWith {
		return beginsWith(a, b)
	}
	return contains(a, b)
}

func beginsWith(a, b ddbtype.Value) bool {
	switch {
	case a.Type != b.Type:
		return false
	case a.Type == ddbtype.TypeS:
		return strings.HasPrefix(a.S, b.S)
	case a.Type == ddbtype.TypeB:
		return bytes.HasPrefix(a.B, b.B)
	}
	return false
}

// contains implements contains(a, b): a substring of a string or binary,
// an element of a set of b's type, or an element of a list.
func contains(a, b ddbtype.Value) bool {
	switch a.Type {
	case ddbtype.TypeS:
		return b.Type == ddbtype.TypeS && strings.Contains(a.S, b.S)
	case ddbtype.TypeB:
		return b.Type == ddbtype.TypeB && bytes.Contains(a.B, b.B)
	case ddbtype.TypeL:
		for _, e := range a.L {
			if ddbtype.Equal(e, b) {
				return true
			}
		}
	case ddbtype.TypeSS:
		return b.Type == ddbtype.TypeS && containsString(a.SS, b.S)
	case ddbtype.TypeNS:
		return b.Type == ddbtype.TypeN && containsNumber(a.SS, b.S)
	case ddbtype.TypeBS:
		return b.Type == ddbtype.TypeB && containsBytes(a.BS, b.B)
	}
	return false
}

func containsString(set []string, s string) bool {
	for _, e := range set {
		if e == s {
			return true
		}
	}
	return false
}

func containsNumber(set []string, n string) bool {
	for _, e := range set {
		if c, err := ddbtype.CompareNumbers(e, n); err == nil && c == 0 {
			return true
		}
	}
	return false
}

func containsBytes(set [][]byte, b []byte) bool {
	for _, e := range set {
		if bytes.Equal(e, b) {
			return true
		}
	}
	return false
}

// size implements size(a): the length of a string (in UTF-16 code units,
// as DynamoDB's Java implementation counts) or binary, or the number of
// elements of a set, list or map. Other types have no size, which makes
// any comparison with it false.
func size(v ddbtype.Value, ok bool) (ddbtype.Value, bool) {
	if !ok {
		return v, false
	}
	switch v.Type {
	case ddbtype.TypeS:
		return sizeValue(stringLength(v.S)), true
	case ddbtype.TypeB:
		return sizeValue(len(v.B)), true
	case ddbtype.TypeSS, ddbtype.TypeNS:
		return sizeValue(len(v.SS)), true
	case ddbtype.TypeBS:
		return sizeValue(len(v.BS)), true
	case ddbtype.TypeL:
		return sizeValue(len(v.L)), true
	case ddbtype.TypeM:
		return sizeValue(len(v.M)), true
	}
	return ddbtype.Value{}, false
}

// stringLength counts UTF-16 code units without allocating.
func stringLength(s string) int {
	n := 0
	for _, r := range s {
		n += max(1, utf16.RuneLen(r))
	}
	return n
}

// smallInts caches the text of small sizes so that size() rarely
// allocates.
var smallInts = func() [1024]string {
	var a [1024]string
	for i := range a {
		a[i] = strconv.Itoa(i)
	}
	return a
}()

func sizeValue(n int) ddbtype.Value {
	if n < len(smallInts) {
		return ddbtype.Value{Type: ddbtype.TypeN, S: smallInts[n]}
	}
	return ddbtype.Value{Type: ddbtype.TypeN, S: strconv.Itoa(n)}
}
