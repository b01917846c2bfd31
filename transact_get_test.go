package db_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dokklib/db"
	"github.com/dokklib/db/dbtest"
)

func TestTransactGet(t *testing.T) {
	table := dbtest.Table(t, db.WithoutTimestamps())
	if err := table.Put(ctx, alice, g1, db.Attrs(db.Item{"Name": "Alice"})); err != nil {
		t.Fatal(err)
	}
	if err := table.Put(ctx, bob, g2); err != nil {
		t.Fatal(err)
	}
	got, err := table.TransactGet(ctx, db.KeyOf(bob, g2), db.KeyOf(carol, g1), db.KeyOf(alice, g1), db.KeyOf(alice, g2))
	if err != nil {
		t.Fatal(err)
	}
	want := []db.Item{
		{"PK": "USER#bob", "SK": "GROUP#group2"},
		nil,
		{"PK": "USER#alice", "SK": "GROUP#group1", "Name": "Alice"},
		nil,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("TransactGet = %v, want %v", got, want)
	}
}

func TestTransactGetRefusesBeforeSending(t *testing.T) {
	client := &noCalls{}
	table := db.NewTable(client, "Table")
	cases := map[string]error{
		"none":      transactGet(table),
		"101":       transactGet(table, userKeys(0, db.MaxTransactItems+1)...),
		"duplicate": transactGet(table, db.KeyOf(alice, g1), db.KeyOf(bob, g1), db.KeyOf(alice, g1)),
		"invalid":   transactGet(table, db.KeyOf(alice, g1), db.KeyOf(db.PK[User](""), g1)),
		"zero":      transactGet(table, db.Key{}),
	}
	for name, err := range cases {
		if !errors.Is(err, db.ErrInvalidArgument) {
			t.Errorf("%s: err = %v, want ErrInvalidArgument", name, err)
		}
	}
	if err := cases["duplicate"]; !strings.Contains(err.Error(), "items 0 and 2") {
		t.Errorf("err = %v, want it to name positions 0 and 2", err)
	}
	if n := client.n.Load(); n != 0 {
		t.Errorf("%d requests were sent", n)
	}
	if _, err := table.TransactGet(ctx, userKeys(0, db.MaxTransactItems)...); !errors.Is(err, errUnexpectedCall) {
		t.Errorf("100 keys: err = %v, want the request sent", err)
	}
}

func transactGet(table *db.Table, keys ...db.Key) error {
	_, err := table.TransactGet(ctx, keys...)
	return err
}

// cancelsTransactGets is a client whose transactions are all cancelled,
// the second item's for a conflict.
type cancelsTransactGets struct{ db.Client }

func (cancelsTransactGets) TransactGetItems(context.Context, *dynamodb.TransactGetItemsInput, ...func(*dynamodb.Options)) (*dynamodb.TransactGetItemsOutput, error) {
	return nil, &types.TransactionCanceledException{
		Message: aws.String("Transaction cancelled"),
		CancellationReasons: []types.CancellationReason{
			{Code: aws.String("None")},
			{Code: aws.String("TransactionConflict"), Message: aws.String("Transaction is ongoing for the item")},
		},
	}
}

func TestTransactGetCancelled(t *testing.T) {
	table := db.NewTable(cancelsTransactGets{}, "Table")
	_, err := table.TransactGet(ctx, db.KeyOf(alice, g1), db.KeyOf(bob, g1))
	var tce *db.TransactionCanceledError
	if !errors.As(err, &tce) {
		t.Fatalf("err = %v, want a *TransactionCanceledError", err)
	}
	failed := tce.Failed()
	if len(tce.Reasons) != 2 || len(failed) != 1 || failed[0].Index != 1 || failed[0].Code != "TransactionConflict" {
		t.Errorf("reasons = %+v, want the second item's conflict", tce.Reasons)
	}
	if errors.Is(err, db.ErrConditionFailed) {
		t.Errorf("err = %v wraps ErrConditionFailed", err)
	}
	var sdk *types.TransactionCanceledException
	if !errors.As(err, &sdk) {
		t.Errorf("err does not wrap the service's %T", sdk)
	}
}
