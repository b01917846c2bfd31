package local

import (
	"errors"

	"github.com/dokklib/db/internal/ddbtype"
	"github.com/dokklib/db/internal/partiql"
)

// writeReq is a write statement translated into the request of the item
// operation that runs it: PutItem for INSERT (on the condition that no
// item has the key), UpdateItem for UPDATE (on the condition that the
// item exists), DeleteItem for DELETE, and a transaction's
// ConditionCheck for EXISTS.
type writeReq struct {
	action  txAction
	insert  bool
	table   string
	item    ddbtype.Item // INSERT
	key     ddbtype.Item // the others
	update  *string
	cond    *string
	retVals string
	exprInput
}

// buildWrite translates a write statement on a table with key schema ks.
func buildWrite(ks keySchema, p *stmtPlan) (*writeReq, error) {
	b := newStmtExpr(p.params)
	var w *writeReq
	var err error
	switch st := p.st.(type) {
	case *partiql.Insert:
		w, err = buildInsert(b, ks, st)
	case *partiql.Update:
		w, err = buildUpdate(b, ks, st)
	case *partiql.Delete:
		w, err = buildDelete(b, ks, st)
	case *partiql.Exists:
		w, err = buildExists(b, ks, st)
	default:
		return nil, validationErr("Invalid operation. Only select, insert, update and delete operations are valid")
	}
	if err != nil {
		return nil, err
	}
	w.exprInput = b.exprInput()
	return w, nil
}

// buildInsert translates INSERT INTO t VALUE {...}.
func buildInsert(b *stmtExpr, ks keySchema, st *partiql.Insert) (*writeReq, error) {
	item, err := b.itemOf(st.Value)
	if err != nil {
		return nil, err
	}
	for _, a := range ks.attrs {
		if _, ok := item[a.Name]; !ok {
			return nil, validationErr("Key attribute should be present in the item: Key " + a.Name)
		}
	}
	cond := "attribute_not_exists(" + b.name(ks.partition().Name) + ")"
	return &writeReq{action: actPut, insert: true, table: st.Table, item: item, cond: &cond}, nil
}

// buildUpdate translates UPDATE t SET ... REMOVE ... WHERE key [AND
// condition] [RETURNING ...].
func buildUpdate(b *stmtExpr, ks keySchema, st *partiql.Update) (*writeReq, error) {
	key, rest, err := primaryKey(b, ks, st.Where)
	if err != nil {
		return nil, err
	}
	upd, err := updateExpression(b, st.Actions)
	if err != nil {
		return nil, err
	}
	cond, err := restCondition(b, "attribute_exists("+b.name(ks.partition().Name)+")", " AND ", rest)
	if err != nil {
		return nil, err
	}
	return &writeReq{action: actUpdate, table: st.Table, key: key, update: &upd, cond: &cond, retVals: updateReturning[st.Returning]}, nil
}

// updateReturning maps RETURNING clauses to ReturnValues.
var updateReturning = map[partiql.Returning]string{
	partiql.ReturnAllOld: rvAllOld, partiql.ReturnModifiedOld: rvUpdatedOld,
	partiql.ReturnAllNew: rvAllNew, partiql.ReturnModifiedNew: rvUpdatedNew,
}

// buildDelete translates DELETE FROM t WHERE key [AND condition]
// [RETURNING ALL OLD *]. Deleting an item that does not exist succeeds
// without evaluating the condition, as in DynamoDB.
func buildDelete(b *stmtExpr, ks keySchema, st *partiql.Delete) (*writeReq, error) {
	if st.Returning != partiql.ReturnNone && st.Returning != partiql.ReturnAllOld {
		return nil, validationErr("Invalid returning clause: RETURNING " + st.Returning.String() + " *. Only RETURNING ALL OLD * is allowed in DELETE statements.")
	}
	key, rest, err := primaryKey(b, ks, st.Where)
	if err != nil {
		return nil, err
	}
	w := &writeReq{action: actDelete, table: st.Table, key: key}
	if len(rest) > 0 {
		cond, err := restCondition(b, "attribute_not_exists("+b.name(ks.partition().Name)+")", " OR ", rest)
		if err != nil {
			return nil, err
		}
		w.cond = &cond
	}
	if st.Returning == partiql.ReturnAllOld {
		w.retVals = rvAllOld
	}
	return w, nil
}

// buildExists translates EXISTS(SELECT ... WHERE key AND condition) into
// a condition check: the item exists and meets the condition.
func buildExists(b *stmtExpr, ks keySchema, st *partiql.Exists) (*writeReq, error) {
	if st.Select.Index != "" {
		return nil, validationErr("This operation is not supported on an index")
	}
	key, rest, err := primaryKey(b, ks, st.Select.Where)
	if err != nil || len(rest) == 0 {
		return nil, validationErr("EXISTS() must contain a single item read with additional condition")
	}
	cond, err := restCondition(b, "attribute_exists("+b.name(ks.partition().Name)+")", " AND ", rest)
	if err != nil {
		return nil, err
	}
	return &writeReq{action: actCheck, table: st.Select.Table, key: key, cond: &cond}, nil
}

// restCondition writes first joined by op with the conjunction of rest,
// or first alone when rest is empty.
func restCondition(b *stmtExpr, first, op string, rest []partiql.Expr) (string, error) {
	if len(rest) == 0 {
		return first, nil
	}
	var and partiql.Expr = rest[0]
	for _, c := range rest[1:] {
		and = &partiql.Binary{Op: partiql.OpAnd, Left: and, Right: c}
	}
	s, err := b.logicOperand(and)
	return first + op + s, err
}

// targetKeySchema returns the key schema of the table a write names.
func (e *Engine) targetKeySchema(name string) (keySchema, error) {
	if err := requireTableName(&name); err != nil {
		return keySchema{}, err
	}
	t := e.lookupTable(name)
	if t == nil {
		return keySchema{}, tableNotFoundErr()
	}
	t.mu.RLock()
	defer t.mu.RUnlock()
	if t.deleted {
		return keySchema{}, tableNotFoundErr()
	}
	return t.key, nil
}

// writeTarget returns the table and index a write statement names.
func writeTarget(st partiql.Statement) partiql.Target {
	switch st := st.(type) {
	case *partiql.Insert:
		return st.Target
	case *partiql.Update:
		return st.Target
	case *partiql.Delete:
		return st.Target
	case *partiql.Exists:
		return st.Select.Target
	case *partiql.Select:
		return st.Target
	}
	return partiql.Target{}
}

// planWrite translates a write statement against its table's schema.
func (e *Engine) planWrite(p *stmtPlan) (*writeReq, error) {
	tg := writeTarget(p.st)
	if tg.Index != "" {
		return nil, validationErr("This operation is not supported on an index")
	}
	ks, err := e.targetKeySchema(tg.Table)
	if err != nil {
		return nil, err
	}
	return buildWrite(ks, p)
}

// stmtWrite is what a write statement answers.
type stmtWrite struct {
	items []ddbtype.Item
	cap   *consumed
}

// appendJSON appends ExecuteStatement's response to a write.
func (w *stmtWrite) appendJSON(dst []byte, capMode *string) []byte {
	dst = appendItems(append(dst, `{"Items":`...), w.items)
	if wantCapacity(capMode) {
		dst = w.cap.appendJSON(append(dst, `,"ConsumedCapacity":`...), *capMode)
	}
	return append(dst, '}')
}

// writeStatement runs an INSERT, UPDATE or DELETE.
func (e *Engine) writeStatement(p *stmtPlan, rvcf *string) (*stmtWrite, error) {
	w, err := e.planWrite(p)
	if err != nil {
		return nil, err
	}
	if w.action == actCheck {
		return nil, errExistsOutsideTx
	}
	var res *writeResult
	err = e.withTable(&w.table, true, func(t *table) (err error) {
		res, err = w.run(t, rvcf)
		return err
	})
	if err != nil {
		return nil, w.mapErr(err)
	}
	out := &stmtWrite{items: []ddbtype.Item{}, cap: res.cap}
	if res.attrs != nil {
		out.items = append(out.items, res.attrs)
	}
	return out, nil
}

// run runs the write on its table, held for writing.
func (w *writeReq) run(t *table, rvcf *string) (*writeResult, error) {
	ret := returnInput{ReturnValuesOnConditionCheckFailure: rvcf}
	if w.retVals != "" {
		ret.ReturnValues = &w.retVals
	}
	switch w.action {
	case actPut:
		in := putItemInput{TableName: &w.table, Item: decodedPut(w.item), condWriteInput: condWriteInput{ConditionExpression: w.cond, exprInput: w.exprInput, returnInput: ret}}
		p, err := in.plan()
		if err != nil {
			return nil, exprErr(err)
		}
		return t.put(p)
	case actUpdate:
		in := updateItemInput{keyInput: keyInput{TableName: &w.table, Key: w.key}, UpdateExpression: w.update, ConditionExpression: w.cond, exprInput: w.exprInput, returnInput: ret}
		p, err := in.plan()
		if err != nil {
			return nil, exprErr(err)
		}
		return t.update(p)
	case actDelete:
		in := deleteItemInput{keyInput: keyInput{TableName: &w.table, Key: w.key}, condWriteInput: condWriteInput{ConditionExpression: w.cond, exprInput: w.exprInput, returnInput: ret}}
		p, err := in.plan()
		if err != nil {
			return nil, exprErr(err)
		}
		return t.delete(p)
	}
	return nil, errExistsOutsideTx
}

// errExistsOutsideTx refuses EXISTS outside a transaction, where it has
// no meaning.
var errExistsOutsideTx = validationErr("EXISTS can only be used in ExecuteTransaction write requests.")

// mapErr turns a failed INSERT's condition into DynamoDB's
// DuplicateItemException.
func (w *writeReq) mapErr(err error) error {
	var ae *apiError
	if w.insert && errors.As(err, &ae) && ae.name() == "ConditionalCheckFailedException" {
		return duplicateItemErr()
	}
	return err
}

// duplicateItemErr is the answer to an INSERT of an existing key.
func duplicateItemErr() *apiError {
	return newError("DuplicateItemException", "Duplicate primary key exists in table")
}
