package local

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// fillStmtTable inserts n items in each of the partitions, sized about
// size bytes each.
func fillStmtTable(t testing.TB, c *dynamodb.Client, partitions []string, n, size int) {
	t.Helper()
	pad := strings.Repeat("x", size)
	for _, p := range partitions {
		for i := range n {
			exec(t, c, `INSERT INTO tbl VALUE {'pk': ?, 'sk': ?, 'pad': ?}`, str(p), num(itoa(i)), str(pad))
		}
	}
}

func TestPartiQLSelectPaging(t *testing.T) {
	_, c := newClient(t)
	createStmtTable(t, c, "tbl")
	fillStmtTable(t, c, []string{"a", "b"}, 5, 10)
	stmt := `SELECT sk FROM tbl WHERE pk = ? AND sk >= ?`
	params := []types.AttributeValue{str("a"), num("1")}
	in := &dynamodb.ExecuteStatementInput{Statement: aws.String(stmt), Parameters: params, Limit: aws.Int32(2)}
	var got []string
	pages := 0
	for range 10 {
		out, err := c.ExecuteStatement(ctx, in)
		mustOK(t, err)
		pages++
		for _, it := range out.Items {
			got = append(got, showMap(it))
		}
		if out.NextToken == nil {
			if out.LastEvaluatedKey != nil {
				t.Errorf("last page has a LastEvaluatedKey")
			}
			break
		}
		if out.LastEvaluatedKey == nil {
			t.Errorf("page %d has a NextToken and no LastEvaluatedKey", pages)
		}
		in.NextToken = out.NextToken
	}
	if strings.Join(got, " ") != "{sk:1} {sk:2} {sk:3} {sk:4}" || pages != 3 {
		t.Errorf("pages %d: %v", pages, got)
	}

	// A token resumes only the statement, with the parameters, that gave it.
	first, err := c.ExecuteStatement(ctx, &dynamodb.ExecuteStatementInput{Statement: aws.String(stmt), Parameters: params, Limit: aws.Int32(1)})
	mustOK(t, err)
	for _, other := range []*dynamodb.ExecuteStatementInput{
		{Statement: aws.String(`SELECT * FROM tbl`), NextToken: first.NextToken},
		{Statement: aws.String(stmt), Parameters: []types.AttributeValue{str("b"), num("1")}, NextToken: first.NextToken},
		{Statement: aws.String(stmt), Parameters: params, NextToken: aws.String("garbage")},
	} {
		_, err := c.ExecuteStatement(ctx, other)
		wantErr(t, err, "ValidationException", "Invalid NextToken")
	}
}

func TestPartiQLSelectCapacity(t *testing.T) {
	_, c := newClient(t)
	createStmtTable(t, c, "tbl")
	// 4 items of about 3 KB in each of 2 partitions.
	fillStmtTable(t, c, []string{"a", "b"}, 4, 3000)
	units := func(stmt string, consistent bool) float64 {
		out, err := c.ExecuteStatement(ctx, &dynamodb.ExecuteStatementInput{
			Statement: aws.String(stmt), ConsistentRead: aws.Bool(consistent),
			ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal,
		})
		mustOK(t, err)
		if out.ConsumedCapacity == nil || aws.ToString(out.ConsumedCapacity.TableName) != "tbl" {
			t.Fatalf("%s: ConsumedCapacity %+v", stmt, out.ConsumedCapacity)
		}
		return aws.ToFloat64(out.ConsumedCapacity.CapacityUnits)
	}
	// A partition key equality reads one partition, as a Query: about 12 KB,
	// 3 units strongly consistent, 1.5 eventually consistent.
	if got := units(`SELECT * FROM tbl WHERE pk = 'a'`, true); got != 3 {
		t.Errorf("query, consistent: %v units, want 3", got)
	}
	if got := units(`SELECT * FROM tbl WHERE pk = 'a'`, false); got != 1.5 {
		t.Errorf("query: %v units, want 1.5", got)
	}
	// An IN list of partition keys queries each distinct one: partition
	// b, 3 units, and the empty zz, the 1 unit a Query costs at least.
	if got := units(`SELECT * FROM tbl WHERE pk IN ['b', 'zz', 'b']`, true); got != 4 {
		t.Errorf("IN query, consistent: %v units, want 4", got)
	}
	// A filter does not reduce what is read.
	if got := units(`SELECT * FROM tbl WHERE pk = 'a' AND sk = 2 OR pk = 'a' AND sk = 3`, true); got != 6 {
		t.Errorf("scan with a filter: %v units, want 6", got)
	}
	// Without the partition key the whole table is scanned: about 24 KB.
	if got := units(`SELECT * FROM tbl WHERE sk = 1`, true); got != 6 {
		t.Errorf("scan: %v units, want 6", got)
	}
	// Write capacity of an INSERT, as PutItem's: 3 KB is 3 units.
	out, err := c.ExecuteStatement(ctx, &dynamodb.ExecuteStatementInput{
		Statement:              aws.String(`INSERT INTO tbl VALUE {'pk': 'c', 'sk': 1, 'pad': ?}`),
		Parameters:             []types.AttributeValue{str(strings.Repeat("x", 3000))},
		ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal,
	})
	mustOK(t, err)
	if got := aws.ToFloat64(out.ConsumedCapacity.CapacityUnits); got != 3 {
		t.Errorf("INSERT: %v units, want 3", got)
	}
}

func TestPartiQLSelectInPaging(t *testing.T) {
	_, c := newClient(t)
	createStmtTable(t, c, "tbl")
	fillStmtTable(t, c, []string{"a", "b", "c"}, 2, 10)
	in := &dynamodb.ExecuteStatementInput{Statement: aws.String(`SELECT pk, sk FROM tbl WHERE pk IN ['c', 'a', 'zz', 'a'] AND sk < 5`), Limit: aws.Int32(1)}
	var got []string
	pages := 0
	for range 10 {
		out, err := c.ExecuteStatement(ctx, in)
		mustOK(t, err)
		pages++
		for _, it := range out.Items {
			got = append(got, showMap(it))
		}
		if out.NextToken == nil {
			break
		}
		in.NextToken = out.NextToken
	}
	// Partitions in the order listed, each in key order; a page ends at
	// Limit items evaluated, and the empty partition gives an empty page.
	if s := strings.Join(got, " "); s != "{pk:'c' sk:0} {pk:'c' sk:1} {pk:'a' sk:0} {pk:'a' sk:1}" {
		t.Errorf("items %s", s)
	}
	if pages < 5 || pages > 7 {
		t.Errorf("%d pages", pages)
	}
	all := exec(t, c, `SELECT pk, sk FROM tbl WHERE pk IN ['c', 'a'] AND sk < 5`)
	if s := show(all.Items...); s != "{pk:'c' sk:0} {pk:'c' sk:1} {pk:'a' sk:0} {pk:'a' sk:1}" || all.NextToken != nil {
		t.Errorf("without Limit: %s, NextToken %v", s, all.NextToken)
	}
}
