package local

import (
	"github.com/dokklib/db/internal/ddbtype"
	"github.com/dokklib/db/internal/expr"
	"github.com/dokklib/db/internal/partiql"
)

// selectOptions are the request parameters a SELECT reads with.
type selectOptions struct {
	limit      *int32
	consistent bool
	token      *string
	capMode    *string
}

// selectResult is one page of a SELECT.
type selectResult struct {
	items   []byte // the Items JSON array
	lastKey ddbtype.Item
	token   string
	cap     *consumed
}

// appendJSON appends ExecuteStatement's response to a SELECT.
func (r *selectResult) appendJSON(dst []byte, capMode *string) []byte {
	dst = append(append(dst, `{"Items":`...), r.items...)
	if r.token != "" {
		dst = ddbtype.AppendJSONString(append(dst, `,"NextToken":`...), r.token)
		dst = r.lastKey.AppendJSON(append(dst, `,"LastEvaluatedKey":`...))
	}
	if wantCapacity(capMode) {
		dst = r.cap.appendJSON(append(dst, `,"ConsumedCapacity":`...), *capMode)
	}
	return append(dst, '}')
}

// selectPage reads one page of a SELECT: a Query when the WHERE clause
// fixes the partition key of the table or index read, else a Scan, with
// the whole WHERE clause as the filter.
func (e *Engine) selectPage(s *partiql.Select, p *stmtPlan, o selectOptions) (*selectResult, error) {
	if s.OrderBy != nil && s.Where == nil {
		return nil, validationErr("Must have WHERE clause in the statement when using ORDER BY clause.")
	}
	start, err := decodeNextToken(o.token, p)
	if err != nil {
		return nil, err
	}
	var res *selectResult
	err = e.withTable(&s.Table, false, func(t *table) (err error) {
		res, err = selectIn(t, s, p, o, start)
		return err
	})
	return res, err
}

// selectIn runs a SELECT on the table; t.mu is held.
func selectIn(t *table, s *partiql.Select, p *stmtPlan, o selectOptions, start ddbtype.Item) (*selectResult, error) {
	rd, err := planSelect(t, s, p, o, start)
	if err != nil {
		return nil, err
	}
	rr := rd.run(t)
	defer rr.release()
	out := &selectResult{lastKey: rr.lastKey, cap: rr.cap}
	if s.Projection == nil {
		out.items = rr.appendItems(nil)
	} else {
		items := make([]ddbtype.Item, len(rr.items))
		for i, it := range rr.items {
			items[i] = projectPaths(it, s.Projection)
		}
		out.items = appendItems(nil, items)
	}
	if rr.lastKey != nil {
		out.token = encodeNextToken(rr.lastKey, p)
	}
	return out, nil
}

// planSelect turns a SELECT into the Query or Scan that runs it,
// prepared against the table.
func planSelect(t *table, s *partiql.Select, p *stmtPlan, o selectOptions, start ddbtype.Item) (*reader, error) {
	x, ks, err := selectTarget(t, s, o)
	if err != nil {
		return nil, err
	}
	filter, err := whereFilter(s.Where, p.params)
	if err != nil {
		return nil, err
	}
	kb := newStmtExpr(p.params)
	in := readInput{TableName: &t.name, Limit: o.limit, ConsistentRead: &o.consistent, ExclusiveStartKey: start, ReturnConsumedCapacity: o.capMode}
	if x != nil {
		in.IndexName = &x.name
	}
	if s.Projection != nil {
		proj := topNames(kb, s.Projection)
		in.ProjectionExpression = &proj
	}
	kc, err := keyCondition(kb, ks, conjuncts(s.Where))
	if err != nil {
		return nil, err
	}
	rd, err := readerFor(&in, kb, kc, s.OrderBy)
	if err != nil {
		return nil, err
	}
	if err := rd.prepare(t); err != nil {
		return nil, exprErr(err)
	}
	if x != nil && kc != "" {
		// A keyed read of an index may filter only on what the index
		// projects (github.com/nubo-db/dynoxide
		// tests/partiql_index_qualifier.rs, captured from DynamoDB).
		if err := x.checkFilter(filter); err != nil {
			return nil, err
		}
	}
	rd.filter = filter
	return rd, nil
}

// selectTarget resolves the table or index a SELECT reads.
func selectTarget(t *table, s *partiql.Select, o selectOptions) (*index, keySchema, error) {
	if s.Index == "" {
		return nil, t.key, nil
	}
	x := t.indexByName(s.Index)
	if x == nil {
		return nil, keySchema{}, validationErr("The table does not have the specified index: " + s.Index)
	}
	if x.global && o.consistent {
		// PartiQL's wording, not Query's (github.com/nubo-db/dynoxide
		// src/partiql/executor.rs, captured from DynamoDB).
		return nil, keySchema{}, validationErr("Strongly consistent read is not supported on Global Secondary Indexes")
	}
	return x, x.key, nil
}

// readerFor plans the Query (when there is a key condition) or the Scan.
func readerFor(in *readInput, kb *stmtExpr, kc string, order *partiql.Order) (*reader, error) {
	in.exprInput = kb.exprInput()
	if kc == "" {
		if order != nil {
			return nil, validationErr("ORDER BY is supported only when the WHERE clause fixes the partition key")
		}
		sin := scanInput{readInput: *in}
		rd, err := sin.plan()
		return rd, exprErr(err)
	}
	qin := queryInput{readInput: *in, KeyConditionExpression: &kc}
	if order != nil && order.Desc {
		f := false
		qin.ScanIndexForward = &f
	}
	rd, err := qin.plan()
	return rd, exprErr(err)
}

// whereFilter compiles the WHERE clause into a filter, nil without one.
func whereFilter(where partiql.Expr, params []ddbtype.Value) (*expr.Condition, error) {
	if where == nil {
		return nil, nil
	}
	fb := newStmtExpr(params)
	text, err := fb.cond(where)
	if err != nil {
		return nil, err
	}
	in := fb.exprInput()
	f, err := expr.ParseFilter(text, in.ExpressionAttributeNames, in.ExpressionAttributeValues)
	return f, exprErr(err)
}

// topNames writes a projection of the top-level attributes of paths,
// each once, in order.
func topNames(b *stmtExpr, paths []partiql.Path) string {
	seen := map[string]bool{}
	out := ""
	for _, p := range paths {
		n := p.Elems[0].Name
		if seen[n] {
			continue
		}
		seen[n] = true
		if out != "" {
			out += ", "
		}
		out += b.name(n)
	}
	return out
}

// projectPaths returns the values of paths in item, each under the name
// DynamoDB gives it in a SELECT's result: its last name, followed by the
// indexes after it (a.b gives "b", l[1] gives "l[1]").
func projectPaths(item ddbtype.Item, paths []partiql.Path) ddbtype.Item {
	out := ddbtype.Item{}
	for _, p := range paths {
		if v, ok := walkPath(item, p); ok {
			out[resultName(p)] = v
		}
	}
	return out
}

// walkPath returns the value at p in item.
func walkPath(item ddbtype.Item, p partiql.Path) (ddbtype.Value, bool) {
	v, ok := item[p.Elems[0].Name]
	for _, el := range p.Elems[1:] {
		switch {
		case !ok:
			return v, false
		case el.IsIndex && v.Type == ddbtype.TypeL && el.Index < len(v.L):
			v = v.L[el.Index]
		case !el.IsIndex && v.Type == ddbtype.TypeM:
			v, ok = v.M[el.Name]
		default:
			return v, false
		}
	}
	return v, ok
}

// resultName returns the name of a projected path in a result item.
func resultName(p partiql.Path) string {
	last := 0
	for i, el := range p.Elems {
		if !el.IsIndex {
			last = i
		}
	}
	name := p.Elems[last].Name
	for _, el := range p.Elems[last+1:] {
		name += "[" + itoa(el.Index) + "]"
	}
	return name
}
