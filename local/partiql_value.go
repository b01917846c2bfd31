package local

import (
	"errors"

	"github.com/dokklib/db/internal/ddbtype"
	"github.com/dokklib/db/internal/partiql"
)

// valueOf returns the attribute value a PartiQL value stands for, with
// parameters substituted.
func (b *stmtExpr) valueOf(x partiql.Expr) (ddbtype.Value, error) {
	switch x := x.(type) {
	case *partiql.Param:
		return b.params[x.Index], nil
	case *partiql.Literal:
		return literalValue(x)
	case *partiql.List:
		l := make([]ddbtype.Value, len(x.Elems))
		for i, el := range x.Elems {
			v, err := b.valueOf(el)
			if err != nil {
				return ddbtype.Value{}, err
			}
			l[i] = v
		}
		return ddbtype.List(l...), nil
	case *partiql.Tuple:
		return b.tupleValue(x)
	case *partiql.Bag:
		return b.bagValue(x)
	}
	return ddbtype.Value{}, validationErr("Unsupported value: only literals and parameters are values at " + partiql.At(x.Position()))
}

// literalValue returns a scalar literal's value.
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
	case partiql.LitNull:
		return ddbtype.Null(), nil
	}
	return ddbtype.Value{}, validationErr("Unsupported data type: MISSING under key root at " + partiql.At(l.Pos))
}

// tupleValue returns a map value; a key given twice keeps its last
// value.
func (b *stmtExpr) tupleValue(t *partiql.Tuple) (ddbtype.Value, error) {
	m := make(map[string]ddbtype.Value, len(t.Keys))
	for i, k := range t.Keys {
		v, err := b.valueOf(t.Values[i])
		if err != nil {
			return ddbtype.Value{}, err
		}
		m[k] = v
	}
	return ddbtype.Map(m), nil
}

// bagValue returns a set value: a string, number or binary set, by the
// type of its elements, which must all have the one type.
func (b *stmtExpr) bagValue(bag *partiql.Bag) (ddbtype.Value, error) {
	if len(bag.Elems) == 0 {
		return ddbtype.Value{}, validationErr("Empty bags are not supported at " + partiql.At(bag.Pos))
	}
	vals := make([]ddbtype.Value, len(bag.Elems))
	for i, el := range bag.Elems {
		v, err := b.valueOf(el)
		if err != nil {
			return ddbtype.Value{}, err
		}
		if v.Type != vals[0].Type && i > 0 || !v.Type.IsKey() {
			return ddbtype.Value{}, validationErr("Bags must contain values of a single type: string, number or binary at " + partiql.At(bag.Pos))
		}
		vals[i] = v
	}
	return setOf(vals)
}

// setOf builds the set of scalar values of one type, checking that they
// are distinct as DynamoDB requires.
func setOf(vals []ddbtype.Value) (ddbtype.Value, error) {
	var set ddbtype.Value
	switch vals[0].Type {
	case ddbtype.TypeS:
		set = ddbtype.Value{Type: ddbtype.TypeSS}
	case ddbtype.TypeN:
		set = ddbtype.Value{Type: ddbtype.TypeNS}
	default:
		set = ddbtype.Value{Type: ddbtype.TypeBS}
	}
	for _, v := range vals {
		if set.Type == ddbtype.TypeBS {
			set.BS = append(set.BS, v.B)
		} else {
			set.SS = append(set.SS, v.S)
		}
	}
	if err := set.Validate(); err != nil {
		return ddbtype.Value{}, toAPIError(err)
	}
	return set, nil
}
