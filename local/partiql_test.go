package local

import (
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

func TestPartiQLInsertSelect(t *testing.T) {
	_, c := newClient(t)
	createStmtTable(t, c, "tbl")
	exec(t, c, `INSERT INTO "tbl" VALUE {'pk': 'a', 'sk': 1, 'x': 'y', 'm': {'b': 7}, 'l': [1, 2, 3], 's': <<'p', 'q'>>, 'n': NULL}`)
	exec(t, c, `insert into tbl value {'pk': ?, 'sk': ?, 'g': 'gg', 'ok': true}`, str("a"), num("2"))
	exec(t, c, `INSERT INTO tbl VALUE {'pk': 'b', 'sk': 1, 'bs': ?}`, &types.AttributeValueMemberBS{Value: [][]byte{{1}, {2}}})

	tests := []struct{ stmt, want string }{
		{`SELECT * FROM tbl WHERE pk = 'a'`, `{l:[1,2,3] m:{b:7} n:null pk:'a' s:<<p,q>> sk:1 x:'y'} {g:'gg' ok:true pk:'a' sk:2}`},
		{`SELECT * FROM tbl WHERE pk = 'a' ORDER BY sk DESC`, `{g:'gg' ok:true pk:'a' sk:2} {l:[1,2,3] m:{b:7} n:null pk:'a' s:<<p,q>> sk:1 x:'y'}`},
		{`SELECT sk FROM tbl WHERE pk = 'a' AND sk > 1`, `{sk:2}`},
		{`SELECT sk FROM tbl WHERE pk = 'a' AND sk BETWEEN 0 AND 1`, `{sk:1}`},
		{`SELECT x, m.b, l[1], "s" FROM tbl WHERE pk = 'a' AND sk = 1`, `{b:7 l[1]:2 s:<<p,q>> x:'y'}`},
		{`SELECT pk, sk FROM tbl WHERE x = 'y'`, `{pk:'a' sk:1}`},
		{`SELECT pk, sk FROM tbl WHERE g IS MISSING AND pk <> 'a' AND size(bs) = 2`, `{pk:'b' sk:1}`},
		{`SELECT sk FROM tbl WHERE pk = 'a' AND n IS NULL`, `{sk:1}`},
		{`SELECT sk FROM tbl WHERE pk = 'a' AND x IS STRING AND m IS TUPLE AND m IS STRUCT AND l IS LIST AND sk IS NUMERIC`, `{sk:1}`},
		{`SELECT sk FROM tbl WHERE pk = 'a' AND ok IS BOOLEAN AND x IS NOT STRING AND x IS NOT BLOB`, `{sk:2}`},
		{`SELECT sk FROM tbl WHERE pk = 'a' AND (begins_with(x, 'y') OR contains(l, 9))`, `{sk:1}`},
		{`SELECT sk FROM tbl WHERE pk = 'a' AND size(l) = 3 AND attribute_type(m, 'M')`, `{sk:1}`},
		{`SELECT sk FROM tbl WHERE pk = 'a' AND NOT ok = true`, `{sk:1}`},
		{`SELECT pk FROM tbl WHERE pk IN ['b', 'c']`, `{pk:'b'}`},
		{`SELECT * FROM "tbl"."gsi" WHERE g = 'gg'`, `{g:'gg' pk:'a' sk:2}`},
		{`SELECT * FROM tbl.gsi`, `{g:'gg' pk:'a' sk:2}`},
		{`SELECT * FROM tbl WHERE pk = 'zz'`, ``},
	}
	for _, tt := range tests {
		out := exec(t, c, tt.stmt)
		if got := show(out.Items...); got != tt.want {
			t.Errorf("%s\n got %s\nwant %s", tt.stmt, got, tt.want)
		}
	}
}

func TestPartiQLInsertDuplicate(t *testing.T) {
	_, c := newClient(t)
	createStmtTable(t, c, "tbl")
	exec(t, c, `INSERT INTO tbl VALUE {'pk': 'a', 'sk': 1, 'v': 1}`)
	_, err := execErr(c, `INSERT INTO tbl VALUE {'pk': 'a', 'sk': 1, 'v': 2}`)
	var dup *types.DuplicateItemException
	if !errors.As(err, &dup) {
		t.Fatalf("second INSERT: %v, want DuplicateItemException", err)
	}
	wantErr(t, err, "DuplicateItemException", "Duplicate primary key exists in table")
	out := exec(t, c, `SELECT v FROM tbl WHERE pk = 'a' AND sk = 1`)
	if got := show(out.Items...); got != `{v:1}` {
		t.Errorf("item after the refused INSERT: %s", got)
	}
}

func TestPartiQLUpdate(t *testing.T) {
	_, c := newClient(t)
	createStmtTable(t, c, "tbl")
	exec(t, c, `INSERT INTO tbl VALUE {'pk': 'a', 'sk': 1, 'n': 1, 'l': [1], 's': <<1, 2>>, 'old': 'x', 'm': {'k': 'v'}}`)
	tests := []struct{ stmt, want string }{
		{`UPDATE tbl SET n = n + 2 WHERE pk = 'a' AND sk = 1 RETURNING MODIFIED NEW *`, `{n:3}`},
		{`UPDATE tbl SET n = n - ? WHERE pk = 'a' AND sk = 1 RETURNING MODIFIED OLD *`, `{n:3}`},
		{`UPDATE tbl SET l = list_append(l, [2, 3]) SET s = set_add(s, <<3>>) WHERE pk = 'a' AND sk = 1 RETURNING MODIFIED NEW *`, `{l:[1,2,3] s:<<1,2,3>>}`},
		{`UPDATE tbl SET s = set_delete(s, <<1>>) REMOVE old, l[0] WHERE pk = 'a' AND sk = 1 AND n = 1 RETURNING ALL NEW *`, `{l:[2,3] m:{k:'v'} n:1 pk:'a' s:<<2,3>> sk:1}`},
		{`UPDATE tbl SET m.k = 'w', m.j = [TRUE] WHERE pk = 'a' AND sk = 1 RETURNING ALL OLD *`, `{l:[2,3] m:{k:'v'} n:1 pk:'a' s:<<2,3>> sk:1}`},
		{`UPDATE tbl SET z = 1 WHERE pk = 'a' AND sk = 1`, ``},
	}
	for _, tt := range tests {
		var params []types.AttributeValue
		if strings.Contains(tt.stmt, "?") {
			params = append(params, num("2"))
		}
		out := exec(t, c, tt.stmt, params...)
		if got := show(out.Items...); got != tt.want {
			t.Errorf("%s\n got %s\nwant %s", tt.stmt, got, tt.want)
		}
	}
	out := exec(t, c, `SELECT m FROM tbl WHERE pk = 'a' AND sk = 1`)
	if got := show(out.Items...); got != `{m:{j:[true] k:'w'}}` {
		t.Errorf("nested SET: %s", got)
	}
}

func TestPartiQLUpdateFails(t *testing.T) {
	_, c := newClient(t)
	createStmtTable(t, c, "tbl")
	exec(t, c, `INSERT INTO tbl VALUE {'pk': 'a', 'sk': 1, 'n': 1}`)

	_, err := execErr(c, `UPDATE tbl SET n = 2 WHERE pk = 'b' AND sk = 1`)
	wantErr(t, err, "ConditionalCheckFailedException", "The conditional request failed")
	if out := exec(t, c, `SELECT * FROM tbl WHERE pk = 'b'`); len(out.Items) != 0 {
		t.Errorf("UPDATE of a missing item created %s", show(out.Items...))
	}

	_, err = c.ExecuteStatement(ctx, &dynamodb.ExecuteStatementInput{
		Statement:                           aws.String(`UPDATE tbl SET n = 2 WHERE pk = 'a' AND sk = 1 AND n > 5`),
		ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld,
	})
	var ccf *types.ConditionalCheckFailedException
	if !errors.As(err, &ccf) || show(ccf.Item) != `{n:1 pk:'a' sk:1}` {
		t.Fatalf("failed condition with ALL_OLD: %v (item %s)", err, show(ccf.Item))
	}

	_, err = execErr(c, `UPDATE tbl SET pk = 'b' WHERE pk = 'a' AND sk = 1`)
	wantErr(t, err, "ValidationException", "One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key")
	_, err = execErr(c, `UPDATE tbl SET n = n + 'x' WHERE pk = 'a' AND sk = 1`)
	wantErr(t, err, "ValidationException", "Incorrect operand type for operator or function; operator or function: +, operand type: S")
}

func TestPartiQLDelete(t *testing.T) {
	_, c := newClient(t)
	createStmtTable(t, c, "tbl")
	exec(t, c, `INSERT INTO tbl VALUE {'pk': 'a', 'sk': 1, 'n': 1}`)
	exec(t, c, `INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'n': 2}`)

	// A missing item: nothing to delete, and no condition to fail.
	if out := exec(t, c, `DELETE FROM tbl WHERE pk = 'a' AND sk = 9 AND n = 5 RETURNING ALL OLD *`); len(out.Items) != 0 {
		t.Errorf("DELETE of a missing item returned %s", show(out.Items...))
	}
	_, err := execErr(c, `DELETE FROM tbl WHERE pk = 'a' AND sk = 1 AND n = 5`)
	wantErr(t, err, "ConditionalCheckFailedException", "The conditional request failed")

	out := exec(t, c, `DELETE FROM tbl WHERE pk = 'a' AND sk = 1 AND n = 1 RETURNING ALL OLD *`)
	if got := show(out.Items...); got != `{n:1 pk:'a' sk:1}` {
		t.Errorf("RETURNING ALL OLD: %s", got)
	}
	exec(t, c, `DELETE FROM tbl WHERE sk = 2 AND pk = 'a'`)
	if out := exec(t, c, `SELECT * FROM tbl`); len(out.Items) != 0 {
		t.Errorf("items left: %s", show(out.Items...))
	}
	_, err = execErr(c, `DELETE FROM tbl WHERE pk = 'a' AND sk = 1 RETURNING ALL NEW *`)
	wantErr(t, err, "ValidationException", "Invalid returning clause: RETURNING ALL NEW *. Only RETURNING ALL OLD * is allowed in DELETE statements.")
}

func TestPartiQLErrors(t *testing.T) {
	_, c := newClient(t)
	createStmtTable(t, c, "tbl")
	exec(t, c, `INSERT INTO tbl VALUE {'pk': 'a', 'sk': 1, 'b': TRUE}`)
	tests := []struct {
		stmt   string
		params []types.AttributeValue
		code   string
		msg    string
	}{
		{`SELEC * FROM tbl`, nil, "ValidationException", "Statement wasn't well formed, can't be processed: Expected data manipulation"},
		{`SELECT * FROM tbl WHERE pk = ?`, nil, "ValidationException", "Number of parameters in request and statement don't match."},
		{`SELECT * FROM tbl WHERE pk = ?`, []types.AttributeValue{str("a"), str("b")}, "ValidationException", "Number of parameters in request and statement don't match."},
		{`SELECT * FROM nope`, nil, "ResourceNotFoundException", "Requested resource not found"},
		{`SELECT * FROM tbl.nope`, nil, "ValidationException", "The table does not have the specified index: nope"},
		{`SELECT * FROM tbl ORDER BY sk`, nil, "ValidationException", "Must have WHERE clause in the statement when using ORDER BY clause."},
		{`SELECT * FROM tbl WHERE b = TRUE ORDER BY sk`, nil, "ValidationException", "Must have at least one non-optional hash key condition in WHERE clause when using ORDER BY clause."},
		{`SELECT * FROM tbl WHERE pk = 'a' ORDER BY b`, nil, "ValidationException", "Variable reference b in ORDER BY clause must be part of the primary key"},
		{`SELECT * FROM tbl WHERE pk = 1`, nil, "ValidationException", "Key attribute's data type should match its data type in table's schema: Key pk"},
		{`UPDATE tbl SET x = 1 WHERE pk = 'a' AND sk = '1'`, nil, "ValidationException", "Key attribute's data type should match its data type in table's schema: Key sk"},
		{`SELECT * FROM tbl WHERE pk = 'a' AND foo(b)`, nil, "ValidationException", "Unrecognized function: foo"},
		{`SELECT * FROM tbl WHERE pk = 'a' AND b`, nil, "ValidationException", "The arguments to AND/OR must be Expressions"},
		{`SELECT * FROM tbl WHERE pk = 'a' AND sk + 1 = 2`, nil, "ValidationException", "Unsupported operator in Condition Expression. Operator: +"},
		{`SELECT * FROM tbl WHERE pk = 'a' AND b < TRUE`, nil, "ValidationException", "Incorrect operand type for operator or function; operator or function: <, operand type: BOOL"},
		{`INSERT INTO tbl VALUE {'pk': 'a'}`, nil, "ValidationException", "Key attribute should be present in the item: Key sk"},
		{`INSERT INTO tbl VALUE {'pk': 'a', 'sk': MISSING}`, nil, "ValidationException", "Unsupported data type: MISSING under key root at 1:41:7"},
		{`INSERT INTO tbl VALUE {'pk': 'a', 'sk': 3, 'e': <<>>}`, nil, "ValidationException", "Empty bags are not supported at 1:49:2"},
		{`INSERT INTO tbl VALUE {'pk': 'a', 'sk': 3, 'm': {'k': [MISSING]}}`, nil, "ValidationException", "Unsupported data type: LiteralMissing under key root.k.0 at 1:56:7"},
		{`INSERT INTO tbl VALUE {'pk': 'a', 'sk': 3, 'm': {'k': MISSING}}`, nil, "ValidationException", "Unsupported data type: LiteralMissing under key root.k at 1:55:7"},
		{`INSERT INTO tbl VALUE {'pk': 'a', 'sk': 3, 'pk': 'b'}`, nil, "ValidationException", "Duplicate keys in tuple. Key: pk under root at 1:44:4"},
		{`INSERT INTO tbl VALUE {'pk': 'a', 'sk': 3, 's': <<1, 'a'>>}`, nil, "ValidationException", "Unsupported data type in Bag. DynamoDB only supports either numbers or strings in bags"},
		{`INSERT INTO tbl VALUE {'pk': 'a', 'sk': 3, 's': <<[1]>>}`, nil, "ValidationException", "Unsupported data type in Bag. DynamoDB only supports either numbers or strings in bags at 1:51:1"},
		{`INSERT INTO tbl VALUE {'pk': 'a', 'sk': 3, 's': <<1, 1.0>>}`, nil, "ValidationException", "Input collection contains duplicates"},
		{`INSERT INTO tbl VALUE {'pk': 'a', 'sk': 3, 's': <<?>>}`, []types.AttributeValue{str("x")}, "ValidationException", "Unsupported data type in Bag. DynamoDB only supports either numbers or strings in bags at 1:51:1"},
		{`INSERT INTO tbl VALUE {'pk': 'a', 'sk': 3, 's': <<1, ?>>}`, []types.AttributeValue{str("x")}, "ValidationException", "Unsupported data type: Parameter under key root at 1:54:1"},
		{`INSERT INTO tbl VALUE ?`, []types.AttributeValue{&types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"pk": str("b")}}}, "ValidationException",
			"Unsupported format in item expression. Please use struct format {...} to express item values for insert statement. at 1:23:1"},
		{`UPDATE tbl SET x = MISSING WHERE pk = 'a' AND sk = 1`, nil, "ValidationException", "MISSING must be compared using IS operator"},
		{`SELECT * FROM tbl WHERE pk = 'a' AND x IN [MISSING]`, nil, "ValidationException", "MISSING must be compared using IS operator"},
		{`SELECT a.b, c.b FROM tbl WHERE pk = 'a'`, nil, "ValidationException", "Duplicate identifiers in select clause: b"},
		{`SELECT * FROM tbl WHERE pk = 'a' AND 'x' IS MISSING`, nil, "ValidationException", "Operator or function requires a document path; operator or function: attribute_not_exists"},
		{`SELECT * FROM tbl WHERE pk = 'a' AND 1 IS NOT NULL`, nil, "ValidationException", "Operator or function requires a document path; operator or function: attribute_type"},
		{`SELECT * FROM tbl WHERE pk = 'a' AND x IS DECIMAL`, nil, "ValidationException",
			"Unsupported data type for IS operator: DECIMAL. Supported data types are [MISSING, NULL, BOOLEAN, BLOB, STRING, NUMERIC, STRUCT, TUPLE, LIST] at 1:40:2"},
		{`UPDATE tbl SET s = set_add(t, <<1>>) WHERE pk = 'a' AND sk = 1`, nil, "ValidationException", "The first argument to SET_ADD must equal the assignment value"},
		{`UPDATE tbl SET s = size(x) WHERE pk = 'a' AND sk = 1`, nil, "ValidationException", "The function is not allowed in an update expression; function: size"},
		{`UPDATE tbl SET s = foo(x) WHERE pk = 'a' AND sk = 1`, nil, "ValidationException", "Unrecognized function: foo"},
		{`UPDATE tbl SET x = 1 WHERE pk = 'a'`, nil, "ValidationException", "Where clause does not contain a mandatory equality on all key attributes"},
		{`UPDATE tbl SET x = 1 WHERE pk = 'a' OR sk = 1`, nil, "ValidationException", "Where clause does not contain a mandatory equality on all key attributes"},
		{`UPDATE tbl.gsi SET x = 1 WHERE pk = 'a' AND sk = 1`, nil, "ValidationException", "This operation is not supported on an index"},
		{`DELETE FROM tbl WHERE sk = 1`, nil, "ValidationException", "Where clause does not contain a mandatory equality on all key attributes"},
		{`EXISTS(SELECT * FROM tbl WHERE pk = 'a' AND sk = 1 AND b = TRUE)`, nil, "ValidationException", "EXISTS can only be used in ExecuteTransaction write requests."},
		{`SELECT * FROM tbl WHERE pk = 'a' AND n = 1e999`, nil, "ValidationException", "Number overflow. Attempting to store a number with magnitude larger than supported range"},
	}
	for _, tt := range tests {
		_, err := execErr(c, tt.stmt, tt.params...)
		if err == nil {
			t.Errorf("%s: no error, want %s", tt.stmt, tt.code)
			continue
		}
		t.Run("", func(t *testing.T) { wantErr(t, err, tt.code, tt.msg) })
	}
	_, err := c.ExecuteStatement(ctx, &dynamodb.ExecuteStatementInput{Statement: aws.String(`INSERT INTO tbl VALUE {'pk': 'z', 'sk': 1}`), NextToken: aws.String("x")})
	wantErr(t, err, "ValidationException", "NextToken is only valid on a SELECT statement")
	_, err = c.ExecuteStatement(ctx, &dynamodb.ExecuteStatementInput{Statement: aws.String(strings.Repeat(" ", 8193))})
	wantErr(t, err, "ValidationException", "1 validation error detected: Value '"+strings.Repeat(" ", 8193)+"' at 'statement' failed to satisfy constraint: Member must have length less than or equal to 8192")
	_, err = c.ExecuteStatement(ctx, &dynamodb.ExecuteStatementInput{Statement: aws.String(`SELECT * FROM tbl`), ConsistentRead: aws.Bool(true), NextToken: nil, Limit: aws.Int32(0)})
	wantErr(t, err, "ValidationException", "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1")
	_, err = c.ExecuteStatement(ctx, &dynamodb.ExecuteStatementInput{Statement: aws.String(`SELECT * FROM tbl.gsi WHERE g = 'x'`), ConsistentRead: aws.Bool(true)})
	wantErr(t, err, "ValidationException", "Strongly consistent read is not supported on Global Secondary Indexes")
}
