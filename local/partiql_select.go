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
	}
	if r.lastKey != nil {
		dst = r.lastKey.AppendJSON(append(dst, `,"LastEvaluatedKey":`...))
	}
	if wantCapacity(capMode) {
		dst = r.cap.appendJSON(append(dst, `,"ConsumedCapacity":`...), *capMode)
	}
	return append(dst, '}')
}

// selectPage reads one page of a SELECT: a Query when the WHERE clause
// fixes the partition key of the table or index read (one Query per value
// when it lists them with IN), else a Scan, with the whole WHERE clause as
// the filter.
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

// selectQuery is a SELECT resolved against its table: what it reads and
// filters with, and the conjuncts of the WHERE clause of each of its
// reads.
type selectQuery struct {
	s      *partiql.Select
	p      *stmtPlan
	o      selectOptions
	x      *index
	ks     keySchema
	filter *expr.Condition
	parts  [][]partiql.Expr
}

// selectIn runs a SELECT on the table from start; t.mu is held.
func selectIn(t *table, s *partiql.Select, p *stmtPlan, o selectOptions, start pagePos) (*selectResult, error) {
	q := &selectQuery{s: s, p: p, o: o}
	var err error
	if q.x, q.ks, err = selectTarget(t, s, o); err != nil {
		return nil, err
	}
	if q.filter, err = whereFilter(s.Where, p.params); err != nil {
		return nil, err
	}
	if err := checkSelectNames(s.Projection); err != nil {
		return nil, err
	}
	if err := checkOrderBy(s.OrderBy, q.ks); err != nil {
		return nil, err
	}
	if q.parts, err = selectParts(q.ks, conjuncts(s.Where), p.params); err != nil {
		return nil, err
	}
	if start.part >= len(q.parts) {
		return nil, validationErr("Invalid NextToken")
	}
	return q.run(t, start)
}

// run reads one page from start, through the reads in turn.
func (q *selectQuery) run(t *table, start pagePos) (*selectResult, error) {
	out := &selectResult{cap: newConsumed(t.name, false)}
	items := []byte{'['}
	remaining := deref(q.o.limit)
	for i := start.part; i < len(q.parts); i++ {
		key := start.key
		if i != start.part {
			key = nil
		}
		rd, err := q.plan(t, q.parts[i], key, remaining)
		if err != nil {
			return nil, err
		}
		rr := rd.run(t)
		items = q.appendItems(items, rr)
		out.cap.merge(rr.cap)
		rr.release()
		remaining -= int32(rr.scanned)
		switch {
		case rr.lastKey != nil:
			out.lastKey = rr.lastKey
			out.token = encodeNextToken(pagePos{part: i, key: rr.lastKey}, q.p)
		case q.o.limit != nil && remaining <= 0 && i+1 < len(q.parts):
			out.token = encodeNextToken(pagePos{part: i + 1}, q.p)
		default:
			continue
		}
		break
	}
	out.items = append(items, ']')
	return out, nil
}

// appendItems appends the items of a page, comma separated, projected
// as the SELECT asks.
func (q *selectQuery) appendItems(dst []byte, rr *readResult) []byte {
	if rr.raw != nil {
		if len(rr.raw) > 0 && len(dst) > 1 {
			dst = append(dst, ',')
		}
		return append(dst, rr.raw...)
	}
	for _, it := range rr.items {
		if q.s.Projection != nil {
			it = projectPaths(it, q.s.Projection)
		}
		if len(dst) > 1 {
			dst = append(dst, ',')
		}
		dst = it.AppendJSON(dst)
	}
	return dst
}

// plan turns one read of the SELECT, with the conjuncts conds, into the
// Query or Scan that runs it, prepared against the table.
func (q *selectQuery) plan(t *table, conds []partiql.Expr, start ddbtype.Item, limit int32) (*reader, error) {
	kb := newStmtExpr(q.p.params)
	in := readInput{TableName: &t.name, ConsistentRead: &q.o.consistent, ExclusiveStartKey: start, ReturnConsumedCapacity: q.o.capMode}
	if q.o.limit != nil {
		in.Limit = &limit
	}
	if q.x != nil {
		in.IndexName = &q.x.name
	}
	if q.s.Projection != nil {
		proj := topNames(kb, q.s.Projection)
		in.ProjectionExpression = &proj
	}
	kc, err := keyCondition(kb, q.ks, conds)
	if err != nil {
		return nil, err
	}
	rd, err := readerFor(&in, kb, kc, q.s.OrderBy)
	if err != nil {
		return nil, err
	}
	if err := rd.prepare(t); err != nil {
		return nil, exprErr(err)
	}
	if q.x != nil && kc != "" {
		// A keyed read of an index may filter only on what the index
		// projects (github.com/nubo-db/dynoxide
		// tests/partiql_index_qualifier.rs, captured from DynamoDB).
		if err := q.x.checkFilter(q.filter); err != nil {
			return nil, err
		}
	}
	rd.filter = q.filter
	return rd, nil
}

// checkSelectNames rejects a projection giving two paths one name in
// the result.
func checkSelectNames(paths []partiql.Path) error {
	seen := map[string]bool{}
	for _, p := range paths {
		name := resultName(p)
		if seen[name] {
			return validationErr("Duplicate identifiers in select clause: " + name)
		}
		seen[name] = true
	}
	return nil
}

// checkOrderBy accepts ORDER BY only on a key attribute of the table or
// index read.
func checkOrderBy(o *partiql.Order, ks keySchema) error {
	if o == nil {
		return nil
	}
	name, ok := topAttr(&o.Path)
	if !ok || !ks.isKey(name) {
		return validationErr("Variable reference " + o.Path.Elems[0].Name + " in ORDER BY clause must be part of the primary key")
	}
	return nil
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
			return nil, validationErr("Must have at least one non-optional hash key condition in WHERE clause when using ORDER BY clause.")
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
