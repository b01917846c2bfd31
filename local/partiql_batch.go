package local

import (
	"strings"

	"github.com/dokklib/db/internal/ddbtype"
	"github.com/dokklib/db/internal/expr"
	"github.com/dokklib/db/internal/partiql"
)

type batchStatement struct {
	Statement                           *string    `json:"Statement"`
	Parameters                          stmtParams `json:"Parameters"`
	ConsistentRead                      *bool      `json:"ConsistentRead"`
	ReturnValuesOnConditionCheckFailure *string    `json:"ReturnValuesOnConditionCheckFailure"`
}

type batchStatementInput struct {
	Statements             []batchStatement `json:"Statements"`
	ReturnConsumedCapacity *string          `json:"ReturnConsumedCapacity"`
}

// batchMember is one statement of a batch: parsed, or the error that
// answers it.
type batchMember struct {
	in    *batchStatement
	plan  *stmtPlan
	table string
	err   error
	item  ddbtype.Item // a read's item
}

// plan validates a BatchExecuteStatement request and parses its
// statements; a statement that does not parse fails alone.
func (in *batchStatementInput) plan() ([]*batchMember, error) {
	var v violations
	v.notNull(in.Statements != nil, "statements")
	if in.Statements != nil && len(in.Statements) == 0 {
		v.add("'[]'", "statements", "Member must have length greater than or equal to 1")
	}
	if len(in.Statements) > maxBatchStmts {
		v.add("'["+itoa(len(in.Statements))+" items]'", "statements", "Member must have length less than or equal to 25")
	}
	for i := range in.Statements {
		s := &in.Statements[i]
		checkStatement(&v, memberPath("statements", i), s.Statement, s.Parameters, s.Parameters != nil)
		v.enum(s.ReturnValuesOnConditionCheckFailure, memberPath("statements", i)+"returnValuesOnConditionCheckFailure", rvAllOld, rvNone)
	}
	v.enum(in.ReturnConsumedCapacity, "returnConsumedCapacity", capIndexes, capTotal, capNone)
	if err := v.err(); err != nil {
		return nil, err
	}
	members := make([]*batchMember, len(in.Statements))
	reads, writes := 0, 0
	for i := range in.Statements {
		m := &batchMember{in: &in.Statements[i]}
		m.plan, m.err = parseStatement(*m.in.Statement, m.in.Parameters)
		if m.err == nil {
			m.table = writeTarget(m.plan.st).Table
			if _, ok := m.plan.st.(*partiql.Select); ok {
				reads++
			} else {
				writes++
			}
		} else if strings.HasPrefix(toAPIError(m.err).msg, "Statement wasn't well formed") {
			m.err = validationErr("Invalid operation. Only select, insert, update and delete operations are valid")
		}
		members[i] = m
	}
	if reads > 0 && writes > 0 {
		return nil, validationErr("Read and write requests together in the same batch is not supported.")
	}
	return members, nil
}

// batchExecuteStatement implements BatchExecuteStatement: each statement
// runs on its own, reads as BatchGetItem's gets, writes as single-item
// writes, and fails alone.
func batchExecuteStatement(e *Engine, _ *request, in *batchStatementInput, members []*batchMember, dst []byte) ([]byte, error) {
	caps := map[string]*consumed{}
	if err := e.batchPrepare(members); err != nil {
		return nil, err
	}
	for _, m := range members {
		if m.err != nil {
			continue
		}
		if s, ok := m.plan.st.(*partiql.Select); ok {
			m.err = e.batchRead(m, s, caps)
			continue
		}
		m.err = e.batchWrite(m, caps)
	}
	return appendBatchResponse(dst, members, caps, in.ReturnConsumedCapacity), nil
}

// batchPrepare rejects a batch of writes that writes one item twice.
func (e *Engine) batchPrepare(members []*batchMember) error {
	seen := map[string]bool{}
	for _, m := range members {
		if m.err != nil {
			continue
		}
		if _, ok := m.plan.st.(*partiql.Select); ok {
			continue
		}
		w, err := e.planWrite(m.plan)
		if err != nil {
			continue // reported when the statement runs
		}
		key := w.key
		if key == nil {
			key = w.item
		}
		ks, _ := e.targetKeySchema(w.table)
		kb, err := appendTableKey([]byte(w.table+"\x00"), ks, key)
		if err != nil {
			continue
		}
		if seen[string(kb)] {
			return validationErr("Provided list of item keys contains duplicates")
		}
		seen[string(kb)] = true
	}
	return nil
}

// batchRead reads the one item a SELECT names by its primary key, and
// keeps it when it meets the rest of the WHERE clause.
func (e *Engine) batchRead(m *batchMember, s *partiql.Select, caps map[string]*consumed) error {
	if s.Index != "" {
		return validationErr("Only single item select is supported")
	}
	return e.withTable(&s.Table, false, func(t *table) error {
		b := newStmtExpr(m.plan.params)
		key, rest, err := primaryKey(b, t.key, s.Where)
		if err != nil {
			return validationErr("Only single item select is supported")
		}
		cond, err := restFilter(rest, m.plan.params)
		if err != nil {
			return err
		}
		item, size, err := t.getByKey(key)
		if err != nil {
			return err
		}
		tally(caps, t.name, false, 1).addRead(nil, size, deref(m.in.ConsistentRead))
		if item != nil && (cond == nil || cond.Eval(item)) {
			m.item = item
			if s.Projection != nil {
				m.item = projectPaths(item, s.Projection)
			}
		}
		return nil
	})
}

// restFilter compiles the conjuncts of a WHERE clause left beside the
// key, nil for none.
func restFilter(rest []partiql.Expr, params []ddbtype.Value) (*expr.Condition, error) {
	if len(rest) == 0 {
		return nil, nil
	}
	and := rest[0]
	for _, c := range rest[1:] {
		and = &partiql.Binary{Op: partiql.OpAnd, Left: and, Right: c}
	}
	return whereFilter(and, params)
}

// batchWrite runs one write of a batch.
func (e *Engine) batchWrite(m *batchMember, caps map[string]*consumed) error {
	w, err := e.writeStatement(m.plan, nil)
	if err != nil {
		return err
	}
	tally(caps, m.table, true, 1).merge(w.cap)
	return nil
}

// merge adds the units of o to c.
func (c *consumed) merge(o *consumed) {
	c.units += o.units
	for name, u := range o.gsis {
		if c.gsis == nil {
			c.gsis = map[string]float64{}
		}
		c.gsis[name] += u
	}
	for name, u := range o.lsis {
		if c.lsis == nil {
			c.lsis = map[string]float64{}
		}
		c.lsis[name] += u
	}
}

// appendBatchResponse appends BatchExecuteStatement's response.
func appendBatchResponse(dst []byte, members []*batchMember, caps map[string]*consumed, capMode *string) []byte {
	dst = append(dst, `{"Responses":[`...)
	for i, m := range members {
		dst = appendSep(dst, i > 0, "{")
		sep := false
		if m.table != "" {
			dst = ddbtype.AppendJSONString(append(dst, `"TableName":`...), m.table)
			sep = true
		}
		if m.err != nil {
			dst = appendStatementError(appendSep(dst, sep, `"Error":`), m.err)
		} else if m.item != nil {
			dst = m.item.AppendJSON(appendSep(dst, sep, `"Item":`))
		}
		dst = append(dst, '}')
	}
	dst = append(dst, ']')
	if wantCapacity(capMode) && len(caps) > 0 {
		dst = capacityList(append(dst, `,"ConsumedCapacity":`...), caps, *capMode)
	}
	return append(dst, '}')
}

// appendStatementError appends a batch member's Error: the exception's
// code as BatchStatementError spells it, and its message.
func appendStatementError(dst []byte, err error) []byte {
	ae := toAPIError(err)
	dst = ddbtype.AppendJSONString(append(dst, `{"Code":`...), statementErrorCode(ae.name()))
	return append(ddbtype.AppendJSONString(append(dst, `,"Message":`...), ae.msg), '}')
}

// statementErrorCode maps an exception name to a BatchStatementError code
// (API Reference, BatchStatementError).
func statementErrorCode(name string) string {
	switch name {
	case "ValidationException":
		return "ValidationError"
	case "ConditionalCheckFailedException", "DuplicateItemException", "ResourceNotFoundException",
		"ProvisionedThroughputExceededException", "TransactionConflictException", "RequestLimitExceeded",
		"ItemCollectionSizeLimitExceededException", "AccessDeniedException", "ThrottlingException":
		return strings.TrimSuffix(name, "Exception")
	}
	return "InternalServerError"
}
