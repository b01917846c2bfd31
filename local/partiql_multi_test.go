package local

import (
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// batchOf returns batch statements for the texts.
func batchOf(stmts ...string) []types.BatchStatementRequest {
	out := make([]types.BatchStatementRequest, len(stmts))
	for i, s := range stmts {
		out[i] = types.BatchStatementRequest{Statement: aws.String(s)}
	}
	return out
}

// showBatch renders a batch's responses: table, then item or error.
func showBatch(rs []types.BatchStatementResponse) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		s := aws.ToString(r.TableName)
		if r.Error != nil {
			s += " " + string(r.Error.Code) + ": " + aws.ToString(r.Error.Message)
		} else if r.Item != nil {
			s += " " + showMap(r.Item)
		}
		parts[i] = strings.TrimSpace(s)
	}
	return strings.Join(parts, " | ")
}

func TestPartiQLBatchReads(t *testing.T) {
	_, c := newClient(t)
	createStmtTable(t, c, "tbl")
	exec(t, c, `INSERT INTO tbl VALUE {'pk': 'a', 'sk': 1, 'n': 1}`)
	exec(t, c, `INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'n': 2}`)
	stmts := batchOf(
		`SELECT * FROM tbl WHERE pk = 'a' AND sk = 1`,
		`SELECT n FROM tbl WHERE pk = ? AND sk = ?`,
		`SELECT * FROM tbl WHERE pk = 'a' AND sk = 9`,
		`SELECT * FROM tbl WHERE pk = 'a' AND sk = 1 AND n = 5`,
		`SELECT * FROM tbl WHERE pk = 'a'`,
		`SELECT * FROM nope WHERE pk = 'a' AND sk = 1`,
		`SELEC`,
	)
	stmts[1].Parameters = []types.AttributeValue{str("a"), num("2")}
	stmts[1].ConsistentRead = aws.Bool(true)
	out, err := c.BatchExecuteStatement(ctx, &dynamodb.BatchExecuteStatementInput{Statements: stmts, ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal})
	mustOK(t, err)
	want := "tbl {n:1 pk:'a' sk:1} | tbl {n:2} | tbl | tbl | tbl ValidationError: Only single item select is supported" +
		" | nope ResourceNotFound: Requested resource not found" +
		" | ValidationError: Invalid operation. Only select, insert, update and delete operations are valid"
	if got := showBatch(out.Responses); got != want {
		t.Errorf("responses\n got %s\nwant %s", got, want)
	}
	// Three eventually consistent reads of half a unit and one consistent
	// read of a unit, as BatchGetItem charges them.
	if len(out.ConsumedCapacity) != 1 || aws.ToFloat64(out.ConsumedCapacity[0].CapacityUnits) != 2.5 {
		t.Errorf("ConsumedCapacity %+v, want 2.5 units on tbl", out.ConsumedCapacity)
	}
}

func TestPartiQLBatchWrites(t *testing.T) {
	_, c := newClient(t)
	createStmtTable(t, c, "tbl")
	exec(t, c, `INSERT INTO tbl VALUE {'pk': 'a', 'sk': 1, 'n': 1}`)
	exec(t, c, `INSERT INTO tbl VALUE {'pk': 'f', 'sk': 1, 'n': 1}`)
	stmts := batchOf(
		`INSERT INTO tbl VALUE {'pk': 'a', 'sk': 1}`,
		`INSERT INTO tbl VALUE {'pk': 'b', 'sk': 1}`,
		`UPDATE tbl SET n = 2 WHERE pk = 'c' AND sk = 1`,
		`DELETE FROM tbl WHERE pk = 'd' AND sk = 1`,
		`UPDATE tbl SET n = 2 WHERE pk = 'e'`,
		`EXISTS(SELECT * FROM tbl WHERE pk = 'f' AND sk = 1 AND n = 1)`,
	)
	stmts[2].ReturnValuesOnConditionCheckFailure = types.ReturnValuesOnConditionCheckFailureAllOld
	out, err := c.BatchExecuteStatement(ctx, &dynamodb.BatchExecuteStatementInput{Statements: stmts})
	mustOK(t, err)
	want := "tbl DuplicateItem: Duplicate primary key exists in table | tbl | tbl ConditionalCheckFailed: The conditional request failed | tbl" +
		" | tbl ValidationError: Where clause does not contain a mandatory equality on all key attributes" +
		" | tbl ValidationError: EXISTS can only be used in ExecuteTransaction write requests."
	if got := showBatch(out.Responses); got != want {
		t.Errorf("responses\n got %s\nwant %s", got, want)
	}
	if out := exec(t, c, `SELECT pk FROM tbl WHERE pk = 'b'`); len(out.Items) != 1 {
		t.Errorf("the batch's good INSERT did not run")
	}
	if out := exec(t, c, `SELECT pk FROM tbl WHERE pk = 'f'`); len(out.Items) != 1 {
		t.Errorf("the batch's EXISTS changed its item")
	}

	for _, bad := range []struct {
		stmts []types.BatchStatementRequest
		msg   string
	}{
		{batchOf(`INSERT INTO tbl VALUE {'pk': 'x', 'sk': 1}`, `SELECT * FROM tbl WHERE pk = 'a' AND sk = 1`), "Read and write requests together in the same batch is not supported."},
		{batchOf(`INSERT INTO tbl VALUE {'pk': 'x', 'sk': 1}`, `DELETE FROM tbl WHERE pk = 'x' AND sk = 1`), "Provided list of item keys contains duplicates"},
		{batchOf(strings.Split(strings.Repeat(`SELECT * FROM tbl WHERE pk = 'a' AND sk = 1;`, 26), ";")[:26]...), "1 validation error detected: Value '[26 items]' at 'statements' failed to satisfy constraint: Member must have length less than or equal to 25"},
	} {
		_, err := c.BatchExecuteStatement(ctx, &dynamodb.BatchExecuteStatementInput{Statements: bad.stmts})
		wantErr(t, err, "ValidationException", bad.msg)
	}
	if out := exec(t, c, `SELECT pk FROM tbl WHERE pk = 'x'`); len(out.Items) != 0 {
		t.Errorf("a refused batch wrote %s", show(out.Items...))
	}
}

// txOf returns transaction statements for the texts.
func txOf(stmts ...string) []types.ParameterizedStatement {
	out := make([]types.ParameterizedStatement, len(stmts))
	for i, s := range stmts {
		out[i] = types.ParameterizedStatement{Statement: aws.String(s)}
	}
	return out
}

func TestPartiQLTransactionWrites(t *testing.T) {
	_, c := newClient(t)
	createStmtTable(t, c, "tbl")
	exec(t, c, `INSERT INTO tbl VALUE {'pk': 'a', 'sk': 1, 'n': 1}`)
	exec(t, c, `INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'n': 2}`)

	_, err := c.ExecuteTransaction(ctx, &dynamodb.ExecuteTransactionInput{TransactStatements: txOf(
		`INSERT INTO tbl VALUE {'pk': 'b', 'sk': 1}`,
		`INSERT INTO tbl VALUE {'pk': 'a', 'sk': 1}`,
		`UPDATE tbl SET n = 5 WHERE pk = 'a' AND sk = 2 AND n = 9`,
		`EXISTS(SELECT * FROM tbl WHERE pk = 'a' AND sk = 3 AND n = 1)`,
	)})
	var tce *types.TransactionCanceledException
	if !errors.As(err, &tce) {
		t.Fatalf("err = %v, want TransactionCanceledException", err)
	}
	var codes []string
	for _, r := range tce.CancellationReasons {
		codes = append(codes, aws.ToString(r.Code)+":"+aws.ToString(r.Message))
	}
	want := "None: DuplicateItem:Duplicate primary key exists in table ConditionalCheckFailed:The conditional request failed ConditionalCheckFailed:The conditional request failed"
	if got := strings.Join(codes, " "); got != want {
		t.Errorf("reasons\n got %s\nwant %s", got, want)
	}
	if out := exec(t, c, `SELECT * FROM tbl WHERE pk = 'b'`); len(out.Items) != 0 {
		t.Errorf("a cancelled transaction wrote %s", show(out.Items...))
	}

	out, err := c.ExecuteTransaction(ctx, &dynamodb.ExecuteTransactionInput{TransactStatements: txOf(
		`INSERT INTO tbl VALUE {'pk': 'b', 'sk': 1}`,
		`UPDATE tbl SET n = n + 10 WHERE pk = 'a' AND sk = 2 AND n = 2`,
		`DELETE FROM tbl WHERE pk = 'c' AND sk = 1`,
		`EXISTS(SELECT * FROM tbl WHERE pk = 'a' AND sk = 1 AND n = 1)`,
	), ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal})
	mustOK(t, err)
	// Transactional writes cost twice: 1 unit per write of a small item,
	// and the condition check 1 unit.
	if len(out.ConsumedCapacity) != 1 || aws.ToFloat64(out.ConsumedCapacity[0].CapacityUnits) != 8 {
		t.Errorf("ConsumedCapacity %+v, want 8 units", out.ConsumedCapacity)
	}
	got := exec(t, c, `SELECT * FROM tbl WHERE pk = 'a' OR pk = 'b'`)
	if s := show(got.Items...); s != "{n:1 pk:'a' sk:1} {n:12 pk:'a' sk:2} {pk:'b' sk:1}" {
		t.Errorf("items after the transaction: %s", s)
	}
}

func TestPartiQLTransactionToken(t *testing.T) {
	_, c := newClient(t)
	createStmtTable(t, c, "tbl")
	exec(t, c, `INSERT INTO tbl VALUE {'pk': 'a', 'sk': 1, 'n': 1}`)
	run := func(stmt string) error {
		_, err := c.ExecuteTransaction(ctx, &dynamodb.ExecuteTransactionInput{
			TransactStatements: txOf(stmt), ClientRequestToken: aws.String("tok"),
		})
		return err
	}
	mustOK(t, run(`UPDATE tbl SET n = n + 1 WHERE pk = 'a' AND sk = 1`))
	mustOK(t, run(`UPDATE tbl SET n = n + 1 WHERE pk = 'a' AND sk = 1`)) // a repeat: not run again
	if got := show(exec(t, c, `SELECT n FROM tbl WHERE pk = 'a' AND sk = 1`).Items...); got != "{n:2}" {
		t.Errorf("after a repeated transaction: %s, want {n:2}", got)
	}
	wantErr(t, run(`UPDATE tbl SET n = n + 2 WHERE pk = 'a' AND sk = 1`), "IdempotentParameterMismatchException",
		"The request uses the same client token as a previous, but non-identical request.")
}

func TestPartiQLTransactionReads(t *testing.T) {
	_, c := newClient(t)
	createStmtTable(t, c, "tbl")
	exec(t, c, `INSERT INTO tbl VALUE {'pk': 'a', 'sk': 1, 'n': 1}`)
	exec(t, c, `INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'n': 1, 'm': {'x': 2}}`)
	out, err := c.ExecuteTransaction(ctx, &dynamodb.ExecuteTransactionInput{TransactStatements: txOf(
		`SELECT * FROM tbl WHERE pk = 'a' AND sk = 1`,
		`SELECT m.x FROM tbl WHERE pk = 'a' AND sk = 2`,
		`SELECT * FROM tbl WHERE pk = 'a' AND sk = 3`,
	), ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal})
	mustOK(t, err)
	var got []string
	for _, r := range out.Responses {
		got = append(got, showMap(r.Item))
	}
	if s := strings.Join(got, " "); s != "{n:1 pk:'a' sk:1} {x:2} {}" {
		t.Errorf("responses %s", s)
	}
	// Transactional reads cost 2 units each.
	if len(out.ConsumedCapacity) != 1 || aws.ToFloat64(out.ConsumedCapacity[0].CapacityUnits) != 6 {
		t.Errorf("ConsumedCapacity %+v, want 6 units", out.ConsumedCapacity)
	}
	for _, bad := range []struct {
		stmts []types.ParameterizedStatement
		msg   string
	}{
		{txOf(`SELECT * FROM tbl WHERE pk = 'a' AND sk = 1`, `INSERT INTO tbl VALUE {'pk': 'b', 'sk': 1}`), "ExecuteTransaction API does not support both read and write operations in the same request."},
		{txOf(`SELECT * FROM tbl WHERE pk = 'a'`), "Validation failed in TransactStatements[0]: Select statements within ExecuteTransaction must specify the primary key in the where clause."},
		{txOf(`SELECT * FROM tbl WHERE pk = 'a' AND sk = 1`, `SELECT * FROM tbl WHERE pk = 'a' AND sk = 2 AND n = 1`), "Validation failed in TransactStatements[1]: Select statements within ExecuteTransaction must specify the primary key in the where clause."},
		{txOf(`SELECT * FROM tbl.gsi WHERE pk = 'a' AND sk = 1`), "Validation failed in TransactStatements[0]: Reads on indices are not supported within transactions."},
		{txOf(`INSERT INTO tbl VALUE {'pk': 'b', 'sk': 1}`, `EXISTS(SELECT * FROM tbl WHERE pk = 'a' AND sk = 1)`), "Validation failed in TransactStatements[1]: EXISTS() must contain a single item read with additional condition"},
		{txOf(`UPDATE tbl SET n = 1 WHERE pk = 'a' AND sk = 1`, `DELETE FROM tbl WHERE pk = 'a' AND sk = 1`), "Transaction request cannot include multiple operations on one item"},
		{txOf(`SELEC`), "Statement wasn't well formed, can't be processed: Expected data manipulation"},
		{txOf(strings.Split(strings.Repeat(`SELECT * FROM tbl WHERE pk = 'a' AND sk = 1;`, 101), ";")[:101]...), "1 validation error detected: Value '[101 items]' at 'transactStatements' failed to satisfy constraint: Member must have length less than or equal to 100"},
	} {
		_, err := c.ExecuteTransaction(ctx, &dynamodb.ExecuteTransactionInput{TransactStatements: bad.stmts})
		wantErr(t, err, "ValidationException", bad.msg)
	}
}
