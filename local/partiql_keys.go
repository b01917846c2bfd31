package local

import (
	"encoding/base64"
	"encoding/binary"
	"hash/fnv"

	"github.com/dokklib/db/internal/ddbtype"
	"github.com/dokklib/db/internal/expr"
	"github.com/dokklib/db/internal/partiql"
)

// conjuncts returns the operands of the top-level ANDs of a WHERE
// clause, in order; none without one.
func conjuncts(x partiql.Expr) []partiql.Expr {
	if x == nil {
		return nil
	}
	if b, ok := x.(*partiql.Binary); ok && b.Op == partiql.OpAnd {
		return append(conjuncts(b.Left), conjuncts(b.Right)...)
	}
	return []partiql.Expr{x}
}

// attrEquality returns the attribute and the value of a conjunct that is
// attr = value or value = attr, for a top-level attribute.
func attrEquality(x partiql.Expr) (string, partiql.Expr, bool) {
	b, ok := x.(*partiql.Binary)
	if !ok || b.Op != partiql.OpEq {
		return "", nil, false
	}
	if name, ok := topAttr(b.Left); ok && isValueExpr(b.Right) {
		return name, b.Right, true
	}
	if name, ok := topAttr(b.Right); ok && isValueExpr(b.Left) {
		return name, b.Left, true
	}
	return "", nil, false
}

// topAttr returns the name of a path of one element.
func topAttr(x partiql.Expr) (string, bool) {
	p, ok := x.(*partiql.Path)
	if !ok || len(p.Elems) != 1 {
		return "", false
	}
	return p.Elems[0].Name, true
}

// isValueExpr reports whether x is a value or a parameter.
func isValueExpr(x partiql.Expr) bool {
	switch x.(type) {
	case *partiql.Literal, *partiql.Param, *partiql.List, *partiql.Tuple, *partiql.Bag:
		return true
	}
	return false
}

// keyCondition writes the KeyConditionExpression of a read whose WHERE
// clause has the conjuncts conds: equality on every partition key
// attribute and, when a conjunct constrains the first sort key attribute
// as a key condition can, that conjunct. It returns "" when the partition
// key is not fixed, for a Scan.
func keyCondition(b *stmtExpr, ks keySchema, conds []partiql.Expr) (string, error) {
	out := ""
	for _, a := range ks.hashAttrs() {
		v := findEquality(conds, a.Name)
		if v == nil {
			return "", nil
		}
		val, err := b.valueOf(v)
		if err != nil {
			return "", err
		}
		if err := checkKeyType(a, val); err != nil {
			return "", err
		}
		out = appendAnd(out, b.name(a.Name)+" = "+b.value(val))
	}
	if !ks.hasSort() {
		return out, nil
	}
	for _, c := range conds {
		if isSortCondition(c, ks.sortName()) {
			s, err := b.cond(c)
			if err != nil {
				return "", err
			}
			return appendAnd(out, s), nil
		}
	}
	return out, nil
}

// appendAnd joins two conditions with AND.
func appendAnd(a, b string) string {
	if a == "" {
		return b
	}
	return a + " AND " + b
}

// checkKeyType rejects a key value of another type than its attribute's.
func checkKeyType(a keyAttr, v ddbtype.Value) error {
	if v.Type != a.Type {
		return validationErr("Key attribute's data type should match its data type in table's schema: Key " + a.Name)
	}
	return nil
}

// findEquality returns the value a conjunct sets attr equal to, or nil.
func findEquality(conds []partiql.Expr, attr string) partiql.Expr {
	for _, c := range conds {
		if name, v, ok := attrEquality(c); ok && name == attr {
			return v
		}
	}
	return nil
}

// isSortCondition reports whether x is a condition a key condition can
// put on the sort key attribute: a comparison with a value (other than
// <>), BETWEEN two values or begins_with.
func isSortCondition(x partiql.Expr, sk string) bool {
	switch x := x.(type) {
	case *partiql.Binary:
		if !x.Op.IsComparison() || x.Op == partiql.OpNe {
			return false
		}
		name, ok := topAttr(x.Left)
		return ok && name == sk && isValueExpr(x.Right)
	case *partiql.Between:
		name, ok := topAttr(x.X)
		return ok && !x.Not && name == sk && isValueExpr(x.Low) && isValueExpr(x.High)
	case *partiql.Call:
		if x.Name != "begins_with" || len(x.Args) != 2 {
			return false
		}
		name, ok := topAttr(x.Args[0])
		return ok && name == sk && isValueExpr(x.Args[1])
	}
	return false
}

// primaryKey returns the item key a write's WHERE clause fixes by
// equality on every key attribute, and the conjuncts left over, which
// make the write's condition.
func primaryKey(b *stmtExpr, ks keySchema, where partiql.Expr) (ddbtype.Item, []partiql.Expr, error) {
	conds := conjuncts(where)
	key := ddbtype.Item{}
	used := make([]bool, len(conds))
	for _, a := range ks.attrs {
		i := equalityIndex(conds, used, a.Name)
		if i < 0 {
			return nil, nil, validationErr("Where clause does not contain a mandatory equality on all key attributes")
		}
		_, vx, _ := attrEquality(conds[i])
		v, err := b.valueOf(vx)
		if err != nil {
			return nil, nil, err
		}
		if err := checkKeyType(a, v); err != nil {
			return nil, nil, err
		}
		key[a.Name], used[i] = v, true
	}
	var rest []partiql.Expr
	for i, c := range conds {
		if !used[i] {
			rest = append(rest, c)
		}
	}
	return key, rest, nil
}

// equalityIndex returns the index of the first unused conjunct setting
// attr equal to a value, or -1.
func equalityIndex(conds []partiql.Expr, used []bool, attr string) int {
	for i, c := range conds {
		if name, _, ok := attrEquality(c); ok && name == attr && !used[i] {
			return i
		}
	}
	return -1
}

// selectParts returns the conjuncts of each read a SELECT makes: one
// read with the WHERE clause's conjuncts, or, when they give a single
// partition key attribute no equality but an IN list of values, one per
// distinct value, with the IN replaced by an equality.
func selectParts(ks keySchema, conds []partiql.Expr, params []ddbtype.Value) ([][]partiql.Expr, error) {
	one := [][]partiql.Expr{conds}
	pk := ks.partition().Name
	if ks.nHash != 1 || findEquality(conds, pk) != nil {
		return one, nil
	}
	for i, c := range conds {
		in, ok := c.(*partiql.In)
		if !ok || in.Not || !allValues(in.List) {
			continue
		}
		if name, isAttr := topAttr(in.X); isAttr && name == pk {
			return inParts(conds, i, in, params)
		}
	}
	return one, nil
}

// allValues reports whether every expression is a value or a parameter.
func allValues(xs []partiql.Expr) bool {
	for _, x := range xs {
		if !isValueExpr(x) {
			return false
		}
	}
	return true
}

// inParts returns the conjuncts with conds[i], the IN on the partition
// key, replaced by an equality with each of its distinct values in turn.
func inParts(conds []partiql.Expr, i int, in *partiql.In, params []ddbtype.Value) ([][]partiql.Expr, error) {
	b := newStmtExpr(params)
	seen := map[string]bool{}
	var parts [][]partiql.Expr
	for _, v := range in.List {
		val, err := b.valueOf(v)
		if err != nil {
			return nil, err
		}
		id := string(val.AppendJSON(nil))
		if seen[id] {
			continue
		}
		seen[id] = true
		part := append([]partiql.Expr(nil), conds...)
		part[i] = &partiql.Binary{Pos: in.Pos, Op: partiql.OpEq, Left: in.X, Right: v}
		parts = append(parts, part)
	}
	return parts, nil
}

// pagePos is where a page of a SELECT starts: the read it is in (a SELECT
// of several partition key values reads them in turn) and the key it
// resumes after, nil for the read's start.
type pagePos struct {
	part int
	key  ddbtype.Item
}

// stmtHash identifies a statement with its parameters, so that a
// NextToken is only honoured for the statement that produced it.
func stmtHash(p *stmtPlan) uint64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte(p.text))
	b, err := ddbtype.Item{"p": ddbtype.List(p.params...)}.AppendBinary(nil)
	if err == nil {
		_, _ = h.Write(b)
	}
	return h.Sum64()
}

// encodeNextToken returns the NextToken of the page starting at pos.
func encodeNextToken(pos pagePos, p *stmtPlan) string {
	b := binary.BigEndian.AppendUint64(nil, stmtHash(p))
	b = binary.AppendUvarint(b, uint64(pos.part))
	if pos.key != nil {
		b = pos.key.AppendJSON(b)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeNextToken returns where a NextToken resumes, the start for no
// token.
func decodeNextToken(token *string, p *stmtPlan) (pagePos, error) {
	if token == nil {
		return pagePos{}, nil
	}
	invalid := validationErr("Invalid NextToken")
	b, err := base64.RawURLEncoding.DecodeString(*token)
	if err != nil || len(b) < 8 || binary.BigEndian.Uint64(b) != stmtHash(p) {
		return pagePos{}, invalid
	}
	part, n := binary.Uvarint(b[8:])
	if n <= 0 || part >= expr.MaxInOperands {
		return pagePos{}, invalid
	}
	pos := pagePos{part: int(part)}
	if rest := b[8+n:]; len(rest) > 0 {
		if err := decodeJSON(rest, &pos.key); err != nil || len(pos.key) == 0 {
			return pagePos{}, invalid
		}
	}
	return pos, nil
}
