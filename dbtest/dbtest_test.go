package dbtest_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dokklib/db"
	"github.com/dokklib/db/dbtest"
)

type User struct{}

// TestTable is how a test uses dbtest: a table of its own, dropped when
// the test ends, on the embedded engine or on DYNAMODB_ENDPOINT.
func TestTable(t *testing.T) {
	ctx := context.Background()
	var name string
	t.Run("inner", func(t *testing.T) {
		table := dbtest.Table(t, db.WithoutTimestamps())
		name = table.Name()
		if !strings.HasPrefix(name, "t-TestTable_inner-") {
			t.Errorf("table name %q does not name the test", name)
		}
		if err := table.Insert(ctx, db.PK[User]("alice"), db.SK[User]("profile")); err != nil {
			t.Fatal(err)
		}
		if other := dbtest.TableName(t); other == name {
			t.Errorf("two tables of one test are both named %q", name)
		}
	})
	// The table is gone once its test has ended.
	_, err := dbtest.Client(t).DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: &name})
	var nf *types.ResourceNotFoundException
	if !errors.As(err, &nf) {
		t.Errorf("after the test, DescribeTable(%s): err = %v, want ResourceNotFoundException", name, err)
	}
}

func ExampleTable() {
	// In a test, dbtest.Table gives the test a fresh table, created with
	// its indexes and dropped when the test ends:
	//
	//	func TestSignup(t *testing.T) {
	//		table := dbtest.Table(t)
	//		if err := signup(ctx, table, "alice"); err != nil {
	//			t.Fatal(err)
	//		}
	//		...
	//	}
	//
	// Outside tests, EnvClient gives the same client: the embedded
	// engine's, or one for DYNAMODB_ENDPOINT.
	ctx := context.Background()
	table := db.NewTable(dbtest.EnvClient(), "dbtest-example", db.WithoutTimestamps())
	if err := table.Create(ctx); err != nil {
		fmt.Println(err)
		return
	}
	defer table.Drop(ctx)
	err := table.Insert(ctx, db.PK[User]("alice"), db.SK[User]("profile"))
	n, _ := table.ScanCount(ctx)
	fmt.Println(n, err)
	// Output: 1 <nil>
}
