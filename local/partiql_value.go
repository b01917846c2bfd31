package local

import (
	"errors"

	"github.com/dokklib/db/internal/ddbtype"
	"github.com/dokklib/db/internal/partiql"
)

// valueOf returns the attribute value a PartiQL value stands for, with
// parameters substituted, where MISSING is not a value.
func (b *stmtExpr) valueOf(x partiql.Expr) (ddbtype.Value, error) {
	return b.convert(x, "")
}

// itemOf returns the item an INSERT's VALUE writes: a tuple literal.
func (b *stmtExpr) itemOf(x partiql.Expr) (ddbtype.Item, error) {
	t, ok := x.(*partiql.Tuple)
	if !ok {
		return nil, validationErr("Unsupported format in item expression. Please use struct format {...} to express item values for insert statement. at " + partiql.At(x.Position()))
	}
	v, err := b.tupleValue(t, "root", true)
	return ddbtype.Item(v.M), err
}

// convert converts a value. In an INSERT's item MISSING is refused
// naming where it is: path is "root" for an attribute of the item, and
// extends with the keys and indexes below it; "" outside an item.
func (b *stmtExpr) convert(x partiql.Expr, path string) (ddbtype.Value, error) {
	switch x := x.(type) {
	case *partiql.Param:
		return b.params[x.Index], nil
	case *partiql.Literal:
		if x.Kind == partiql.LitMissing {
			return ddbtype.Value{}, missingErr(x, path)
		}
		return literalValue(x)
	case *partiql.List:
		l := make([]ddbtype.Value, len(x.Elems))
		for i, el := range x.Elems {
			v, err := b.convert(el, below(path, itoa(i)))
			if err != nil {
				return ddbtype.Value{}, err
			}
			l[i] = v
		}
		return ddbtype.List(l...), nil
	case *partiql.Tuple:
		return b.tupleValue(x, path, false)
	case *partiql.Bag:
		return bagValue(x)
	}
	return ddbtype.Value{}, validationErr("Unsupported value: only literals and parameters are values at " + partiql.At(x.Position()))
}

// below returns the path of key below path, "" outside an item.
func below(path, key string) string {
	if path == "" {
		return ""
	}
	return path + "." + key
}

// missingErr is the error for MISSING used as a value at path.
func missingErr(l *partiql.Literal, path string) error {
	switch path {
	case "":
		return validationErr("MISSING must be compared using IS operator")
	case "root":
		return validationErr("Unsupported data type: MISSING under key root at " + partiql.At(l.Pos))
	}
	return validationErr("Unsupported data type: LiteralMissing under key " + path + " at " + partiql.At(l.Pos))
}

// literalValue returns a scalar literal's value; l is not MISSING.
func literalValue(l *partiql.Literal) (ddbtype.Value, error) {
	switch l.Kind {
	case partiql.LitString:
		return ddbtype.String(l.Text), nil
	case partiql.LitNumber:
		v, err := ddbtype.Number(l.Text)
		var ve *ddbtype.ValidationError
		if errors.As(err, &ve) {
			return v, validationErr(ve.Message)
		}
		return v, err
	case partiql.LitBool:
		return ddbtype.Bool(l.Text == "true"), nil
	}
	return ddbtype.Null(), nil
}

// tupleValue returns a map value, whose keys must be distinct; top says
// it is an INSERT's item, whose values are its attributes, at path.
func (b *stmtExpr) tupleValue(t *partiql.Tuple, path string, top bool) (ddbtype.Value, error) {
	m := make(map[string]ddbtype.Value, len(t.Keys))
	for i, k := range t.Keys {
		if _, dup := m[k]; dup {
			return ddbtype.Value{}, validationErr("Duplicate keys in tuple. Key: " + k + " under root at " + partiql.At(t.KeyPos[i]))
		}
		sub := path
		if !top {
			sub = below(path, k)
		}
		v, err := b.convert(t.Values[i], sub)
		if err != nil {
			return ddbtype.Value{}, err
		}
		m[k] = v
	}
	return ddbtype.Map(m), nil
}

// bagMsg is DynamoDB's message for a set literal holding something other
// than numbers or strings.
const bagMsg = "Unsupported data type in Bag. DynamoDB only supports either numbers or strings in bags"

// bagValue returns a set value: a string or number set of distinct
// literals, as DynamoDB's set literals are. The first element sets the
// type.
func bagValue(bag *partiql.Bag) (ddbtype.Value, error) {
	if len(bag.Elems) == 0 {
		return ddbtype.Value{}, validationErr("Empty bags are not supported at " + partiql.At(bag.Pos))
	}
	set := ddbtype.Value{Type: ddbtype.TypeNS}
	seen := map[string]bool{}
	for i, el := range bag.Elems {
		v, err := bagElem(el, i == 0)
		if err != nil {
			return ddbtype.Value{}, err
		}
		switch {
		case i == 0 && v.Type == ddbtype.TypeS:
			set.Type = ddbtype.TypeSS
		case (set.Type == ddbtype.TypeSS) != (v.Type == ddbtype.TypeS):
			return ddbtype.Value{}, validationErr(bagMsg)
		}
		if seen[v.S] {
			return ddbtype.Value{}, validationErr("Input collection contains duplicates")
		}
		seen[v.S] = true
		set.SS = append(set.SS, v.S)
	}
	return set, nil
}

// bagElem returns one element of a set literal, a string or a number;
// first says it is the first, which sets the set's type.
func bagElem(x partiql.Expr, first bool) (ddbtype.Value, error) {
	l, ok := x.(*partiql.Literal)
	switch {
	case ok && (l.Kind == partiql.LitString || l.Kind == partiql.LitNumber):
		return literalValue(l)
	case !first:
		if p, ok := x.(*partiql.Param); ok {
			return ddbtype.Value{}, validationErr("Unsupported data type: Parameter under key root at " + partiql.At(p.Pos))
		}
	}
	return ddbtype.Value{}, validationErr(bagMsg + " at " + partiql.At(x.Position()))
}
