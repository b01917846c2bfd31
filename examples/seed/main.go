// Command seed runs the example of the Python dokklib-db's README in Go:
// users join a group, the group's members are listed through the inverse
// index, and both users move to another group in one transaction.
//
// It runs on the embedded engine of package local, in process, with no
// network and no Java; or on the DynamoDB endpoint in DYNAMODB_ENDPOINT when
// it is set (`make example` starts AWS's DynamoDB Local and sets it), with
// the credentials and region of the default AWS configuration.
package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dokklib/db"
	"github.com/dokklib/db/local"
)

// User is an entity: its keys look like "USER#alice".
type User struct{}

// Group is an entity: its keys look like "GROUP#group1".
type Group struct{}

func main() {
	ctx := context.Background()
	client, err := newClient(ctx)
	if err != nil {
		log.Fatal(err)
	}
	table := db.NewTable(client, "SingleTable")
	if err := table.Create(ctx); err != nil {
		log.Fatal(err)
	}
	defer func() {
		if err := table.Drop(ctx); err != nil {
			log.Print(err)
		}
	}()
	if err := run(ctx, table, os.Stdout); err != nil {
		log.Print(err)
	}
}

// newClient returns a client for DYNAMODB_ENDPOINT if it is set, and for an
// in-process engine otherwise.
func newClient(ctx context.Context) (*dynamodb.Client, error) {
	ep := os.Getenv("DYNAMODB_ENDPOINT")
	if ep == "" {
		return local.New().Client(), nil
	}
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return nil, err
	}
	return dynamodb.NewFromConfig(cfg, func(o *dynamodb.Options) { o.BaseEndpoint = &ep }), nil
}

// run is the seed's example.
func run(ctx context.Context, table *db.Table, w io.Writer) error {
	// Construct entity keys.
	pkAlice := db.PK[User]("alice")
	pkBob := db.PK[User]("bob")
	skGroup1 := db.SK[Group]("group1")

	// Add users to group one.
	// Insert is a PutItem that fails if the item already exists.
	if err := table.Insert(ctx, pkAlice, skGroup1); err != nil {
		return err
	}
	if err := table.Insert(ctx, pkBob, skGroup1); err != nil {
		return err
	}

	// Get all users in group one.
	pkGroup := db.PK[Group]("group1")
	userPrefix := db.Prefix[User]()
	members, err := table.QueryPrefix(ctx, pkGroup, userPrefix, db.OnIndex(db.InverseGlobalIndex))
	if err != nil {
		return err
	}
	fmt.Fprintln(w, members)

	// Move users from group one to group two atomically.
	skGroup2 := db.SK[Group]("group2")
	return table.TransactWrite(ctx,
		db.DeleteArg(pkAlice, skGroup1),
		db.DeleteArg(pkBob, skGroup1),
		db.InsertArg(pkAlice, skGroup2),
		db.InsertArg(pkBob, skGroup2),
	)
}
