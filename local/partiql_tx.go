package local

import (
	"errors"

	"github.com/dokklib/db/internal/ddbtype"
	"github.com/dokklib/db/internal/partiql"
)

type txStatement struct {
	Statement                           *string    `json:"Statement"`
	Parameters                          stmtParams `json:"Parameters"`
	ReturnValuesOnConditionCheckFailure *string    `json:"ReturnValuesOnConditionCheckFailure"`
}

type executeTransactionInput struct {
	TransactStatements     []txStatement `json:"TransactStatements"`
	ClientRequestToken     *string       `json:"ClientRequestToken"`
	ReturnConsumedCapacity *string       `json:"ReturnConsumedCapacity"`
}

// txStmtPlan is a validated ExecuteTransaction: its parsed statements,
// all SELECTs (reads) or all writes and EXISTS checks.
type txStmtPlan struct {
	stmts []*stmtPlan
	reads bool
}

// plan validates an ExecuteTransaction request and parses its
// statements.
func (in *executeTransactionInput) plan() (*txStmtPlan, error) {
	var v violations
	v.notNull(in.TransactStatements != nil, "transactStatements")
	if in.TransactStatements != nil && len(in.TransactStatements) == 0 {
		v.add("'[]'", "transactStatements", "Member must have length greater than or equal to 1")
	}
	if len(in.TransactStatements) > maxTransactItems {
		v.add("'["+itoa(len(in.TransactStatements))+" items]'", "transactStatements", "Member must have length less than or equal to 100")
	}
	for i := range in.TransactStatements {
		s := &in.TransactStatements[i]
		at := memberPath("transactStatements", i)
		checkStatement(&v, at, s.Statement, s.Parameters, s.Parameters != nil)
		v.enum(s.ReturnValuesOnConditionCheckFailure, at+"returnValuesOnConditionCheckFailure", rvAllOld, rvNone)
	}
	v.enum(in.ReturnConsumedCapacity, "returnConsumedCapacity", capIndexes, capTotal, capNone)
	if err := v.err(); err != nil {
		return nil, err
	}
	p := &txStmtPlan{}
	reads := 0
	for _, s := range in.TransactStatements {
		sp, err := parseStatement(*s.Statement, s.Parameters)
		if err != nil {
			return nil, err
		}
		if _, ok := sp.st.(*partiql.Select); ok {
			reads++
		}
		p.stmts = append(p.stmts, sp)
	}
	if reads > 0 && reads < len(p.stmts) {
		return nil, validationErr("ExecuteTransaction API does not support both read and write operations in the same request.")
	}
	p.reads = reads > 0
	return p, nil
}

// executeTransaction implements ExecuteTransaction: SELECTs read as
// TransactGetItems does, writes and EXISTS checks run as
// TransactWriteItems, idempotent by ClientRequestToken.
func executeTransaction(e *Engine, r *request, in *executeTransactionInput, p *txStmtPlan, dst []byte) ([]byte, error) {
	if p.reads {
		return e.transactSelect(p.stmts, in.ReturnConsumedCapacity, dst)
	}
	tw := &transactWriteInput{ClientRequestToken: in.ClientRequestToken, ReturnConsumedCapacity: in.ReturnConsumedCapacity}
	inserts := make([]bool, len(p.stmts))
	for i, sp := range p.stmts {
		w, err := e.planWrite(sp)
		if err != nil {
			return nil, inStatement(i, err)
		}
		inserts[i] = w.insert
		tw.TransactItems = append(tw.TransactItems, w.txItem(in.TransactStatements[i].ReturnValuesOnConditionCheckFailure))
	}
	ops, err := tw.plan()
	if err != nil {
		return nil, exprErr(err)
	}
	out, err := transactWriteItems(e, r, tw, ops, nil)
	if err != nil {
		return nil, duplicateReasons(err, inserts)
	}
	// {} or {"ConsumedCapacity":...}: the transaction's responses go first.
	dst = append(dst, `{"Responses":[]`...)
	if len(out) > 2 {
		dst = append(append(dst, ','), out[1:len(out)-1]...)
	}
	return append(dst, '}'), nil
}

// inStatement prefixes a validation error with the statement it is about,
// as DynamoDB does ("Validation failed in TransactStatements[1]: ...").
func inStatement(i int, err error) error {
	ae := toAPIError(err)
	if ae.name() != "ValidationException" {
		return err
	}
	return validationErr("Validation failed in TransactStatements[" + itoa(i) + "]: " + ae.msg)
}

// txItem returns the write as a TransactWriteItems action.
func (w *writeReq) txItem(rvcf *string) transactWriteItem {
	common := txCommon{TableName: &w.table, ConditionExpression: w.cond, ReturnValuesOnConditionCheckFailure: rvcf, exprInput: w.exprInput}
	keyed := &txKeyed{txCommon: common, Key: w.key}
	switch w.action {
	case actPut:
		return transactWriteItem{Put: &txPut{txCommon: common, Item: decodedPut(w.item)}}
	case actUpdate:
		return transactWriteItem{Update: &txUpdate{txKeyed: *keyed, UpdateExpression: w.update}}
	case actDelete:
		return transactWriteItem{Delete: keyed}
	}
	return transactWriteItem{ConditionCheck: keyed}
}

// duplicateReasons reports a cancelled INSERT as DynamoDB does: the
// reason DuplicateItem rather than a failed condition.
func duplicateReasons(err error, inserts []bool) error {
	var ae *apiError
	if !errors.As(err, &ae) || ae.reasons == nil {
		return err
	}
	reasons := append([]cancellationReason(nil), ae.reasons...)
	for i, r := range reasons {
		if i < len(inserts) && inserts[i] && r.code == reasonCondition {
			reasons[i] = cancellationReason{code: "DuplicateItem", msg: "Duplicate primary key exists in table"}
		}
	}
	return canceledErr(reasons)
}

// transactSelect reads the items the SELECTs name by their primary keys,
// a consistent snapshot, as TransactGetItems does.
func (e *Engine) transactSelect(stmts []*stmtPlan, capMode *string, dst []byte) ([]byte, error) {
	gets := make([]txGet, len(stmts))
	for i, sp := range stmts {
		s := sp.st.(*partiql.Select)
		ks, err := e.targetKeySchema(s.Table)
		if err != nil {
			return nil, err
		}
		if s.Index != "" {
			return nil, inStatement(i, validationErr("Reads on indices are not supported within transactions."))
		}
		key, rest, err := primaryKey(newStmtExpr(sp.params), ks, s.Where)
		if err != nil || len(rest) > 0 {
			return nil, inStatement(i, validationErr("Select statements within ExecuteTransaction must specify the primary key in the where clause."))
		}
		gets[i] = txGet{table: s.Table, key: key}
	}
	items, caps, err := e.readTxGets(gets, func(i int, item ddbtype.Item) ddbtype.Item {
		if s := stmts[i].st.(*partiql.Select); s.Projection != nil {
			return projectPaths(item, s.Projection)
		}
		return item
	})
	if err != nil {
		return nil, err
	}
	return appendTransactGet(dst, items, caps, capMode), nil
}
