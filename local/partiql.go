package local

import (
	"errors"

	"github.com/dokklib/db/internal/ddbtype"
	"github.com/dokklib/db/internal/partiql"
)

// Limits of the PartiQL operations (API Reference: ExecuteStatement,
// BatchExecuteStatement, ExecuteTransaction).
const (
	maxStatementLen = 8192
	maxBatchStmts   = 25
)

// registerPartiQL adds the PartiQL operations to ops.
func registerPartiQL(ops map[string]opFunc) {
	ops["ExecuteStatement"] = planOp[executeStatementInput](executeStatement)
	ops["BatchExecuteStatement"] = planOp[batchStatementInput](batchExecuteStatement)
	ops["ExecuteTransaction"] = planOp[executeTransactionInput](executeTransaction)
}

// stmtParams is the Parameters member: attribute values, each checked as
// ExpressionAttributeValues are.
type stmtParams []ddbtype.Value

// UnmarshalJSON decodes and validates the values.
func (p *stmtParams) UnmarshalJSON(b []byte) error {
	var raw []ddbtype.Value
	if err := decodeJSON(b, &raw); err != nil {
		return err
	}
	for _, v := range raw {
		if v.IsZero() {
			if err := v.Validate(); err != nil {
				return toAPIError(err)
			}
		}
	}
	*p = raw
	return nil
}

type executeStatementInput struct {
	Statement                           *string    `json:"Statement"`
	Parameters                          stmtParams `json:"Parameters"`
	ConsistentRead                      *bool      `json:"ConsistentRead"`
	NextToken                           *string    `json:"NextToken"`
	ReturnConsumedCapacity              *string    `json:"ReturnConsumedCapacity"`
	Limit                               *int32     `json:"Limit"` // Integer in DynamoDB's model
	ReturnValuesOnConditionCheckFailure *string    `json:"ReturnValuesOnConditionCheckFailure"`
}

// stmtPlan is a parsed statement with its parameters.
type stmtPlan struct {
	st     partiql.Statement
	params []ddbtype.Value
	text   string
}

// checkStatement applies the constraints on one statement and its
// parameters, at paths prefixed with at ("" for ExecuteStatement).
func checkStatement(v *violations, at string, stmt *string, params stmtParams, present bool) {
	v.notNull(stmt != nil, at+"statement")
	v.length(stmt, 1, maxStatementLen, at+"statement")
	if present && len(params) == 0 {
		v.add("'[]'", at+"parameters", "Member must have length greater than or equal to 1")
	}
}

// parseStatement parses a statement and matches its parameters.
func parseStatement(text string, params stmtParams) (*stmtPlan, error) {
	st, err := partiql.Parse(text)
	var pe *partiql.Error
	if errors.As(err, &pe) {
		return nil, validationErr(pe.Message)
	}
	if err != nil {
		return nil, err
	}
	if st.NumParams() != len(params) {
		return nil, validationErr("Number of parameters in request and statement don't match.")
	}
	return &stmtPlan{st: st, params: params, text: text}, nil
}

// plan validates an ExecuteStatement request and parses its statement.
func (in *executeStatementInput) plan() (*stmtPlan, error) {
	var v violations
	checkStatement(&v, "", in.Statement, in.Parameters, in.Parameters != nil)
	v.enum(in.ReturnConsumedCapacity, "returnConsumedCapacity", capIndexes, capTotal, capNone)
	v.minInt(widen(in.Limit), 1, "limit")
	v.enum(in.ReturnValuesOnConditionCheckFailure, "returnValuesOnConditionCheckFailure", rvAllOld, rvNone)
	if err := v.err(); err != nil {
		return nil, err
	}
	p, err := parseStatement(*in.Statement, in.Parameters)
	if err != nil {
		return nil, err
	}
	if _, ok := p.st.(*partiql.Exists); ok {
		return nil, errExistsOutsideTx
	}
	if in.NextToken != nil {
		if _, ok := p.st.(*partiql.Select); !ok {
			return nil, validationErr("NextToken is only valid on a SELECT statement")
		}
	}
	return p, nil
}

// executeStatement implements ExecuteStatement.
func executeStatement(e *Engine, _ *request, in *executeStatementInput, p *stmtPlan, dst []byte) ([]byte, error) {
	if s, ok := p.st.(*partiql.Select); ok {
		res, err := e.selectPage(s, p, selectOptions{limit: in.Limit, consistent: deref(in.ConsistentRead), token: in.NextToken, capMode: in.ReturnConsumedCapacity})
		if err != nil {
			return nil, err
		}
		return res.appendJSON(dst, in.ReturnConsumedCapacity), nil
	}
	w, err := e.writeStatement(p, in.ReturnValuesOnConditionCheckFailure)
	if err != nil {
		return nil, err
	}
	return w.appendJSON(dst, in.ReturnConsumedCapacity), nil
}
