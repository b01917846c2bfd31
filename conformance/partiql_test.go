package conformance

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestPartiQL covers ExecuteStatement, BatchExecuteStatement and
// ExecuteTransaction. Messages are DynamoDB Local's where it shares
// DynamoDB's PartiQL front end, and otherwise DynamoDB's as captured in
// github.com/nubo-db/dynoxide's tests (tests/partiql*.rs,
// tests/batch_statement_member_fields.rs, captured from DynamoDB).
func TestPartiQL(t *testing.T) { runCases(t, partiqlCases) }

// Where DynamoDB Local's PartiQL differs from DynamoDB's.
const (
	dynoxideCaptured = "github.com/nubo-db/dynoxide tests/partiql.rs and src/partiql/, captured from DynamoDB"

	localDuplicateItem = `DynamoDB answers an INSERT of an existing key with DuplicateItemException (API Reference, ExecuteStatement, Errors; ` +
		dynoxideCaptured + `); DynamoDB Local's error type is "DuplicateItem" (observed)`
	localTxDuplicate = `DynamoDB gives a transaction's INSERT of an existing key the reason DuplicateItem (github.com/nubo-db/dynoxide ` +
		`src/actions/execute_transaction.rs, captured from DynamoDB); DynamoDB Local gives ValidationError (observed)`
	localStmtMalformed = `DynamoDB says "Statement wasn't well formed, can't be processed: Expected data manipulation" for a statement that ` +
		`is not a DML statement (` + dynoxideCaptured + `); DynamoDB Local puts the statement itself after the colon (observed)`
	localStmtCapacity = `DynamoDB reports the capacity a statement consumed when asked (API Reference, ExecuteStatement, ConsumedCapacity); ` +
		`DynamoDB Local leaves ConsumedCapacity out of PartiQL responses (observed)`
	localBatchTable = `DynamoDB names the table of a batch statement that ran and failed (github.com/nubo-db/dynoxide ` +
		`tests/batch_statement_member_fields.rs, captured from DynamoDB); DynamoDB Local leaves TableName out (observed)`
)

// stmt is an ExecuteStatement of s with the parameters.
func stmt(s string, params ...types.AttributeValue) *dynamodb.ExecuteStatementInput {
	return &dynamodb.ExecuteStatementInput{Statement: str(s), Parameters: params}
}

// stmtErr is a step wanting a ValidationException with message msg.
func stmtErr(s, msg string) Step {
	return Step{Call: stmt(s), Err: "ValidationException", Msg: msg}
}

// batchStmts is a BatchExecuteStatement of the statements.
func batchStmts(stmts ...string) *dynamodb.BatchExecuteStatementInput {
	in := &dynamodb.BatchExecuteStatementInput{}
	for _, s := range stmts {
		in.Statements = append(in.Statements, types.BatchStatementRequest{Statement: str(s)})
	}
	return in
}

// txStmts is an ExecuteTransaction of the statements.
func txStmts(stmts ...string) *dynamodb.ExecuteTransactionInput {
	in := &dynamodb.ExecuteTransactionInput{}
	for _, s := range stmts {
		in.TransactStatements = append(in.TransactStatements, types.ParameterizedStatement{Statement: str(s)})
	}
	return in
}

// stmtTable is a table with key pk (S), sk (N) and the keys-only global
// secondary index "gsi" on g (S).
func stmtTable() *dynamodb.CreateTableInput {
	in := keyTable("pk", "S", "sk", "N")
	in.AttributeDefinitions = append(in.AttributeDefinitions, types.AttributeDefinition{AttributeName: str("g"), AttributeType: types.ScalarAttributeTypeS})
	ks, _ := keySchema("g", "S", "", "")
	in.GlobalSecondaryIndexes = []types.GlobalSecondaryIndex{{IndexName: str("gsi"), KeySchema: ks, Projection: projKeysOnly}}
	return in
}

const (
	insA1  = `INSERT INTO "$T" VALUE {'pk': 'a', 'sk': 1, 'x': 'y', 'm': {'b': 7}, 'l': [1, 2, 3], 'n': NULL}`
	insA2  = `INSERT INTO "$T" VALUE {'pk': 'a', 'sk': 2, 'g': 'gg'}`
	itemA1 = `{"pk":{"S":"a"},"sk":{"N":"1"},"x":{"S":"y"},"m":{"M":{"b":{"N":"7"}}},"l":{"L":[{"N":"1"},{"N":"2"},{"N":"3"}]},"n":{"NULL":true}}`
	itemA2 = `{"pk":{"S":"a"},"sk":{"N":"2"},"g":{"S":"gg"}}`
)

var partiqlCases = []Case{
	{Name: "INSERT then SELECT by partition key, in key order", Table: stmtTable(), Steps: []Step{
		{Call: stmt(insA2), Want: `{"Items":[]}`},
		{Call: stmt(insA1), Want: `{"Items":[]}`},
		{Call: stmt(`SELECT * FROM "$T" WHERE pk = ?`, S("a")), Want: `{"Items":[` + itemA1 + `,` + itemA2 + `]}`},
		{Call: stmt(`SELECT * FROM "$T" WHERE pk = 'a' ORDER BY sk DESC`), Want: `{"Items":[` + itemA2 + `,` + itemA1 + `]}`},
		{Call: stmt(`SELECT sk FROM "$T" WHERE pk = 'a' AND sk > 1`), Want: `{"Items":[{"sk":{"N":"2"}}]}`},
		{Call: stmt(`select sk from "$T" where pk = 'a' and sk between 0 and 1`), Want: `{"Items":[{"sk":{"N":"1"}}]}`},
		{Call: stmt(`SELECT * FROM "$T" WHERE pk = 'zz'`), Want: `{"Items":[]}`},
	}},
	{Name: "SELECT names projected paths by their last element", Table: stmtTable(), Steps: []Step{
		{Call: stmt(insA1)},
		{Call: stmt(`SELECT x, m.b, l[1], "n" FROM "$T" WHERE pk = 'a' AND sk = 1`),
			Want: `{"Items":[{"x":{"S":"y"},"b":{"N":"7"},"l[1]":{"N":"2"},"n":{"NULL":true}}]}`},
	}},
	{Name: "SELECT filters with PartiQL's predicates", Table: stmtTable(), Steps: []Step{
		{Call: stmt(insA1)},
		{Call: stmt(insA2)},
		{Call: stmt(`SELECT sk FROM "$T" WHERE pk = 'a' AND g IS MISSING`), Want: `{"Items":[{"sk":{"N":"1"}}]}`},
		{Call: stmt(`SELECT sk FROM "$T" WHERE pk = 'a' AND n IS NULL`), Want: `{"Items":[{"sk":{"N":"1"}}]}`},
		{Call: stmt(`SELECT sk FROM "$T" WHERE pk = 'a' AND zz IS NULL`), Want: `{"Items":[]}`},
		{Call: stmt(`SELECT sk FROM "$T" WHERE pk = 'a' AND x IS STRING`), Want: `{"Items":[{"sk":{"N":"1"}}]}`},
		{Call: stmt(`SELECT sk FROM "$T" WHERE pk = 'a' AND begins_with(x, 'y') AND size(l) = 3 AND contains(l, 2)`), Want: `{"Items":[{"sk":{"N":"1"}}]}`},
		{Call: stmt(`SELECT sk FROM "$T" WHERE pk = 'a' AND attribute_type(m, 'M') AND NOT g = 'gg'`), Want: `{"Items":[{"sk":{"N":"1"}}]}`},
		{Call: stmt(`SELECT sk FROM "$T" WHERE pk = 'a' AND sk IN [2, 3]`), Want: `{"Items":[{"sk":{"N":"2"}}]}`},
		{Call: stmt(`SELECT sk FROM "$T" WHERE pk IN ['zz', 'a'] AND sk < 2`), Want: `{"Items":[{"sk":{"N":"1"}}]}`},
		stmtErr(`SELECT * FROM "$T" WHERE pk = 'a' AND foo(x)`, "Unrecognized function: foo"),
		stmtErr(`SELECT * FROM "$T" WHERE pk = 'a' AND exists(x)`, "Unrecognized function: exists"),
		stmtErr(`SELECT * FROM "$T" WHERE pk = 'a' AND x`, "The arguments to AND/OR must be Expressions"),
		stmtErr(`SELECT * FROM "$T" WHERE pk = 'a' AND sk + 1 = 2`, "Unsupported operator in Condition Expression. Operator: +"),
		stmtErr(`SELECT * FROM "$T" WHERE pk = 'a' AND x < TRUE`, "Incorrect operand type for operator or function; operator or function: <, operand type: BOOL"),
		stmtErr(`SELECT * FROM "$T" WHERE pk = 'a' AND 'x' IS MISSING`, "Operator or function requires a document path; operator or function: attribute_not_exists"),
		stmtErr(`SELECT * FROM "$T" WHERE pk = 'a' AND x IS DECIMAL`, "Unsupported data type for IS operator: DECIMAL. Supported data types are [MISSING, NULL, BOOLEAN, BLOB, STRING, NUMERIC, STRUCT, TUPLE, LIST] at 1:*:2"),
		{Call: stmt(`SELECT sk FROM "$T" WHERE pk = 'a' AND m IS TUPLE AND l IS LIST AND x IS NOT BLOB`), Want: `{"Items":[{"sk":{"N":"1"}}]}`},
	}},
	{Name: "SELECT of an index", Table: stmtTable(), Steps: []Step{
		{Call: stmt(insA1)},
		{Call: stmt(insA2)},
		{Call: stmt(`SELECT * FROM "$T"."gsi" WHERE g = 'gg'`), Want: `{"Items":[{"pk":{"S":"a"},"sk":{"N":"2"},"g":{"S":"gg"}}]}`},
		{Call: stmt(`SELECT * FROM "$T"."gsi"`), Want: `{"Items":[{"pk":{"S":"a"},"sk":{"N":"2"},"g":{"S":"gg"}}]}`},
		stmtErr(`SELECT * FROM "$T"."nope"`, "The table does not have the specified index: nope"),
		stmtErr(`UPDATE "$T"."gsi" SET x = 1 WHERE pk = 'a' AND sk = 1`, "This operation is not supported on an index"),
	}},
	{Name: "statements DynamoDB refuses", Table: stmtTable(), Steps: []Step{
		{Call: stmt(`SELEC * FROM "$T"`), Err: "ValidationException", Msg: "Statement wasn't well formed, can't be processed: Expected data manipulation",
			LocalDiffers: localStmtMalformed, Local: &Expect{Err: "ValidationException", Msg: `Statement wasn't well formed, can't be processed: SELEC * FROM "$T"`}},
		stmtErr(`SELECT * FROM "$T" WHERE pk = ?`, "Number of parameters in request and statement don't match."),
		stmtErr(`SELECT * FROM "$T" ORDER BY sk`, "Must have WHERE clause in the statement when using ORDER BY clause."),
		stmtErr(`SELECT * FROM "$T" WHERE x = 'y' ORDER BY sk`, "Must have at least one non-optional hash key condition in WHERE clause when using ORDER BY clause."),
		stmtErr(`SELECT * FROM "$T" WHERE pk = 'a' ORDER BY x`, "Variable reference x in ORDER BY clause must be part of the primary key"),
		stmtErr(`SELECT * FROM "$T" WHERE pk = 1`, "Key attribute's data type should match its data type in table's schema: Key pk"),
		stmtErr(`UPDATE "$T" SET x = 1 WHERE pk = 'a' AND sk = '1'`, "Key attribute's data type should match its data type in table's schema: Key sk"),
		stmtErr(`INSERT INTO "$T" VALUE {'pk': 'a'}`, "Key attribute should be present in the item: Key sk"),
		stmtErr(`INSERT INTO "$T" VALUE {'pk': 'a', 'sk': MISSING}`, "Unsupported data type: MISSING under key root at 1:*:7"),
		stmtErr(`INSERT INTO "$T" VALUE {'pk': 'a', 'sk': 3, 'e': <<>>}`, "Empty bags are not supported at 1:*:2"),
		stmtErr(`INSERT INTO "$T" VALUE {'pk': 'a', 'sk': 3, 'm': {'k': [1, MISSING]}}`, "Unsupported data type: LiteralMissing under key root.k.1 at 1:*:7"),
		stmtErr(`INSERT INTO "$T" VALUE {'pk': 'a', 'sk': 3, 'pk': 'b'}`, "Duplicate keys in tuple. Key: pk under root at 1:*:4"),
		stmtErr(`INSERT INTO "$T" VALUE {'pk': 'a', 'sk': 3, 's': <<1, 'a'>>}`, "Unsupported data type in Bag. DynamoDB only supports either numbers or strings in bags"),
		stmtErr(`INSERT INTO "$T" VALUE {'pk': 'a', 'sk': 3, 's': <<1, 1.0>>}`, "Input collection contains duplicates"),
		{Call: stmt(`INSERT INTO "$T" VALUE {'pk': 'a', 'sk': 3, 's': <<?>>}`, S("x")), Err: "ValidationException", Msg: "Unsupported data type in Bag. DynamoDB only supports either numbers or strings in bags at 1:*:1"},
		{Call: stmt(`INSERT INTO "$T" VALUE {'pk': 'a', 'sk': 3, 's': <<'x', ?>>}`, S("x")), Err: "ValidationException", Msg: "Unsupported data type: Parameter under key root at 1:*:1"},
		{Call: stmt(`INSERT INTO "$T" VALUE ?`, &types.AttributeValueMemberM{Value: Item{"pk": S("a"), "sk": N("3")}}), Err: "ValidationException",
			Msg: "Unsupported format in item expression. Please use struct format {...} to express item values for insert statement. at 1:*:1"},
		stmtErr(`UPDATE "$T" SET x = MISSING WHERE pk = 'a' AND sk = 1`, "MISSING must be compared using IS operator"),
		stmtErr(`UPDATE "$T" SET s = set_add(t, <<1>>) WHERE pk = 'a' AND sk = 1`, "The first argument to SET_ADD must equal the assignment value"),
		stmtErr(`UPDATE "$T" SET s = size(x) WHERE pk = 'a' AND sk = 1`, "The function is not allowed in an update expression; function: size"),
		stmtErr(`EXISTS(SELECT * FROM "$T" WHERE pk = 'a' AND sk = 1 AND x = 1)`, "EXISTS can only be used in ExecuteTransaction write requests."),
		stmtErr(`SELECT a.b, c.b FROM "$T" WHERE pk = 'a'`, "Duplicate identifiers in select clause: b"),
		{Call: stmt(`SELECT * FROM "nope-partiql"`), Err: "ResourceNotFoundException", Msg: "Requested resource not found", LocalDiffers: localNotFound,
			Local: &Expect{Err: "ResourceNotFoundException"}},
	}},
	{Name: "INSERT of an existing key", Table: stmtTable(), Steps: []Step{
		{Call: stmt(insA1)},
		{Call: stmt(`INSERT INTO "$T" VALUE {'pk': 'a', 'sk': 1}`), Err: "DuplicateItemException", Msg: "Duplicate primary key exists in table",
			LocalDiffers: localDuplicateItem, Local: &Expect{Err: "DuplicateItem", Msg: "Duplicate primary key exists in table"}},
		{Call: stmt(`SELECT x FROM "$T" WHERE pk = 'a' AND sk = 1`), Want: `{"Items":[{"x":{"S":"y"}}]}`},
	}},
	{Name: "UPDATE", Table: stmtTable(), Steps: []Step{
		{Call: stmt(insA1)},
		{Call: stmt(`UPDATE "$T" SET x = 'z', m.c = ? REMOVE l[0] WHERE pk = 'a' AND sk = 1 RETURNING ALL NEW *`, N("8")),
			Want: `{"Items":[{"pk":{"S":"a"},"sk":{"N":"1"},"x":{"S":"z"},"m":{"M":{"b":{"N":"7"},"c":{"N":"8"}}},"l":{"L":[{"N":"2"},{"N":"3"}]},"n":{"NULL":true}}]}`},
		{Call: stmt(`UPDATE "$T" SET l = list_append(l, [4]) WHERE pk = 'a' AND sk = 1 AND x = 'z' RETURNING MODIFIED OLD *`),
			Want: `{"Items":[{"l":{"L":[{"N":"2"},{"N":"3"}]}}]}`},
		{Call: stmt(`UPDATE "$T" SET x = 'w' WHERE pk = 'a' AND sk = 1`), Want: `{"Items":[]}`},
		stmtErr(`UPDATE "$T" SET x = 'z' WHERE pk = 'a'`, "Where clause does not contain a mandatory equality on all key attributes"),
		stmtErr(`UPDATE "$T" SET pk = 'b' WHERE pk = 'a' AND sk = 1`, "One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key"),
		{Call: stmt(`UPDATE "$T" SET x = 'z' WHERE pk = 'b' AND sk = 1`), Err: "ConditionalCheckFailedException", Msg: "The conditional request failed"},
		{Call: stmt(`UPDATE "$T" SET x = 'z' WHERE pk = 'a' AND sk = 1 AND x = 'nope'`), Err: "ConditionalCheckFailedException", Msg: "The conditional request failed"},
		{Call: stmt(`SELECT x FROM "$T" WHERE pk = 'a' AND sk = 1`), Want: `{"Items":[{"x":{"S":"w"}}]}`},
	}},
	{Name: "DELETE", Table: stmtTable(), Steps: []Step{
		{Call: stmt(insA1)},
		{Call: stmt(`DELETE FROM "$T" WHERE pk = 'a' AND sk = 5 AND x = 'y' RETURNING ALL OLD *`), Want: `{"Items":[]}`},
		{Call: stmt(`DELETE FROM "$T" WHERE pk = 'a' AND sk = 1 AND x = 'nope'`), Err: "ConditionalCheckFailedException", Msg: "The conditional request failed"},
		stmtErr(`DELETE FROM "$T" WHERE pk = 'a' AND sk = 1 RETURNING ALL NEW *`, "Invalid returning clause: RETURNING ALL NEW *. Only RETURNING ALL OLD * is allowed in DELETE statements."),
		{Call: stmt(`DELETE FROM "$T" WHERE pk = 'a' AND sk = 1 RETURNING ALL OLD *`), Want: `{"Items":[` + itemA1 + `]}`},
		{Call: stmt(`SELECT * FROM "$T" WHERE pk = 'a'`), Want: `{"Items":[]}`},
	}},
	{Name: "ExecuteStatement reports consumed capacity", Table: stmtTable(), Steps: []Step{
		{Call: &dynamodb.ExecuteStatementInput{Statement: str(insA1), ReturnConsumedCapacity: total},
			Want: `{"Items":[],"ConsumedCapacity":{"TableName":"$T","CapacityUnits":1}}`, LocalDiffers: localStmtCapacity, Local: &Expect{Want: `{"Items":[]}`}},
		{Call: &dynamodb.ExecuteStatementInput{Statement: str(`SELECT * FROM "$T" WHERE pk = 'a'`), ReturnConsumedCapacity: total, ConsistentRead: aws.Bool(true)},
			Want: `{"ConsumedCapacity":{"TableName":"$T","CapacityUnits":1}}`, LocalDiffers: localStmtCapacity},
	}},
	{Name: "BatchExecuteStatement reads single items", Table: stmtTable(), Steps: []Step{
		{Call: stmt(insA1)},
		{Call: stmt(insA2)},
		{Call: batchStmts(`SELECT sk FROM "$T" WHERE pk = 'a' AND sk = 1`, `SELECT * FROM "$T" WHERE pk = 'a' AND sk = 2`, `SELECT * FROM "$T" WHERE pk = 'a' AND sk = 3`),
			Want: `{"Responses":[{"TableName":"$T","Item":{"sk":{"N":"1"}}},{"TableName":"$T","Item":` + itemA2 + `},{"TableName":"$T"}]}`},
		{Call: batchStmts(`SELEC`), Want: `{"Responses":[{"Error":{"Code":"ValidationError","Message":"Invalid operation. Only select, insert, update and delete operations are valid"}}]}`},
		{Call: batchStmts(`SELECT * FROM "$T" WHERE pk = 'a' AND sk = 1`, `INSERT INTO "$T" VALUE {'pk': 'b', 'sk': 1}`), Err: "ValidationException",
			Msg: "Read and write requests together in the same batch is not supported."},
	}},
	{Name: "BatchExecuteStatement writes, each on its own", Table: stmtTable(), Steps: []Step{
		{Call: stmt(insA1)},
		{Call: batchStmts(`INSERT INTO "$T" VALUE {'pk': 'b', 'sk': 1}`, `UPDATE "$T" SET x = 1 WHERE pk = 'c' AND sk = 1`, `DELETE FROM "$T" WHERE pk = 'd' AND sk = 1`),
			Want:         `{"Responses":[{"TableName":"$T"},{"TableName":"$T","Error":{"Code":"ConditionalCheckFailed","Message":"The conditional request failed"}},{"TableName":"$T"}]}`,
			LocalDiffers: localBatchTable, Local: &Expect{Want: `{"Responses":[{"TableName":"$T"},{"Error":{"Code":"ConditionalCheckFailed","Message":"The conditional request failed"}},{"TableName":"$T"}]}`}},
		{Call: stmt(`SELECT pk FROM "$T" WHERE pk = 'b'`), Want: `{"Items":[{"pk":{"S":"b"}}]}`},
		{Call: batchStmts(`INSERT INTO "$T" VALUE {'pk': 'e', 'sk': 1}`, `DELETE FROM "$T" WHERE pk = 'e' AND sk = 1`), Err: "ValidationException",
			Msg: "Provided list of item keys contains duplicates"},
	}},
	{Name: "ExecuteTransaction writes all or nothing", Table: stmtTable(), Steps: []Step{
		{Call: stmt(insA1)},
		{Call: txStmts(`INSERT INTO "$T" VALUE {'pk': 'b', 'sk': 1}`, `UPDATE "$T" SET x = 1 WHERE pk = 'c' AND sk = 1`),
			Err: "TransactionCanceledException", Msg: "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]"},
		{Call: txStmts(`INSERT INTO "$T" VALUE {'pk': 'b', 'sk': 1}`, `EXISTS(SELECT * FROM "$T" WHERE pk = 'a' AND sk = 1 AND x = 'nope')`),
			Err: "TransactionCanceledException", Msg: "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]"},
		{Call: stmt(`SELECT * FROM "$T" WHERE pk = 'b'`), Want: `{"Items":[]}`},
		{Call: txStmts(`INSERT INTO "$T" VALUE {'pk': 'b', 'sk': 1}`, `UPDATE "$T" SET x = 'z' WHERE pk = 'a' AND sk = 1`,
			`EXISTS(SELECT * FROM "$T" WHERE pk = 'a' AND sk = 2 AND x IS MISSING)`), Err: "TransactionCanceledException",
			Msg: "Transaction cancelled, please refer cancellation reasons for specific reasons [None, None, ConditionalCheckFailed]"},
		{Call: txStmts(`INSERT INTO "$T" VALUE {'pk': 'b', 'sk': 1}`, `UPDATE "$T" SET x = 'z' WHERE pk = 'a' AND sk = 1`,
			`DELETE FROM "$T" WHERE pk = 'c' AND sk = 1`), Want: `{"Responses":[]}`},
		{Call: stmt(`SELECT pk, x FROM "$T" WHERE pk = 'a'`), Want: `{"Items":[{"pk":{"S":"a"},"x":{"S":"z"}}]}`},
		{Call: stmt(`SELECT pk, x FROM "$T" WHERE pk = 'b'`), Want: `{"Items":[{"pk":{"S":"b"}}]}`},
		{Call: txStmts(`INSERT INTO "$T" VALUE {'pk': 'a', 'sk': 1}`), Err: "TransactionCanceledException",
			Msg:          "Transaction cancelled, please refer cancellation reasons for specific reasons [DuplicateItem]",
			LocalDiffers: localTxDuplicate, Local: &Expect{Err: "TransactionCanceledException"}},
	}},
	{Name: "ExecuteTransaction rules", Table: stmtTable(), Steps: []Step{
		{Call: stmt(insA1)},
		{Call: txStmts(`SELECT * FROM "$T" WHERE pk = 'a' AND sk = 1`, `SELECT sk FROM "$T" WHERE pk = 'a' AND sk = 2`),
			Want: `{"Responses":[{"Item":` + itemA1 + `},{}]}`},
		{Call: txStmts(`SELECT * FROM "$T" WHERE pk = 'a' AND sk = 1`, `INSERT INTO "$T" VALUE {'pk': 'b', 'sk': 1}`), Err: "ValidationException",
			Msg: "ExecuteTransaction API does not support both read and write operations in the same request."},
		{Call: txStmts(`SELECT * FROM "$T" WHERE pk = 'a'`), Err: "ValidationException",
			Msg: "Validation failed in TransactStatements[0]: Select statements within ExecuteTransaction must specify the primary key in the where clause."},
		{Call: txStmts(`SELECT * FROM "$T" WHERE pk = 'a' AND sk = 1 AND x = 'y'`), Err: "ValidationException",
			Msg: "Validation failed in TransactStatements[0]: Select statements within ExecuteTransaction must specify the primary key in the where clause."},
		{Call: txStmts(`SELECT * FROM "$T"."gsi" WHERE pk = 'a' AND sk = 1`), Err: "ValidationException",
			Msg: "Validation failed in TransactStatements[0]: Reads on indices are not supported within transactions."},
		{Call: txStmts(`INSERT INTO "$T" VALUE {'pk': 'b', 'sk': 1}`, `EXISTS(SELECT * FROM "$T" WHERE pk = 'a' AND sk = 1)`), Err: "ValidationException",
			Msg: "Validation failed in TransactStatements[1]: EXISTS() must contain a single item read with additional condition"},
		{Call: txStmts(`UPDATE "$T" SET x = 1 WHERE pk = 'a' AND sk = 1`, `DELETE FROM "$T" WHERE pk = 'a' AND sk = 1`), Err: "ValidationException",
			Msg: "Transaction request cannot include multiple operations on one item"},
	}},
}
