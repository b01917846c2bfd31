package local_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http/httptest"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dokklib/db/local"
)

// createNotes creates a table Notes, keyed by PK and SK.
func createNotes(ctx context.Context, client *dynamodb.Client) {
	_, err := client.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName: aws.String("Notes"),
		AttributeDefinitions: []types.AttributeDefinition{
			{AttributeName: aws.String("PK"), AttributeType: types.ScalarAttributeTypeS},
			{AttributeName: aws.String("SK"), AttributeType: types.ScalarAttributeTypeS},
		},
		KeySchema: []types.KeySchemaElement{
			{AttributeName: aws.String("PK"), KeyType: types.KeyTypeHash},
			{AttributeName: aws.String("SK"), KeyType: types.KeyTypeRange},
		},
		BillingMode: types.BillingModePayPerRequest,
	})
	if err != nil {
		log.Fatal(err)
	}
}

func note(pk, sk string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{
		"PK": &types.AttributeValueMemberS{Value: pk},
		"SK": &types.AttributeValueMemberS{Value: sk},
	}
}

func ExampleNew() {
	ctx := context.Background()
	eng := local.New()
	defer eng.Close()
	// A *dynamodb.Client served in process: no sockets, no credentials.
	client := eng.Client()
	createNotes(ctx, client)
	_, err := client.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("Notes"), Item: note("USER#alice", "NOTE#1")})
	out, _ := client.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("Notes")})
	fmt.Println(out.Count, err)
	// Output: 1 <nil>
}

func ExampleOpen() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "notes")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	eng, err := local.Open(dir)
	if err != nil {
		log.Fatal(err)
	}
	createNotes(ctx, eng.Client())
	_, err = eng.Client().PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("Notes"), Item: note("USER#alice", "NOTE#1")})
	fmt.Println(err, eng.Close())
	// The data is still there when the directory is opened again.
	eng, err = local.Open(dir)
	if err != nil {
		log.Fatal(err)
	}
	defer eng.Close()
	got, err := eng.Client().GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("Notes"), Key: note("USER#alice", "NOTE#1")})
	fmt.Println(got.Item != nil, err)
	// Output:
	// <nil> <nil>
	// true <nil>
}

func ExampleEngine_Faults() {
	ctx := context.Background()
	eng := local.New()
	defer eng.Close()
	client := eng.Client(func(o *dynamodb.Options) { o.RetryMaxAttempts = 1 })
	createNotes(ctx, client)
	// The next two writes to Notes are throttled, as DynamoDB does under load.
	if _, err := eng.Faults().Add(local.Fault{Op: "PutItem", Table: "Notes", Err: local.ErrThrottling, Count: 2}); err != nil {
		log.Fatal(err)
	}
	for range 3 {
		_, err := client.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("Notes"), Item: note("USER#alice", "NOTE#1")})
		var throttled *types.ThrottlingException
		fmt.Println(errors.As(err, &throttled))
	}
	// Output:
	// true
	// true
	// false
}

// The engine is an http.Handler: serve it for clients in any language.
func ExampleEngine_ServeHTTP() {
	ctx := context.Background()
	eng := local.New()
	defer eng.Close()
	server := httptest.NewServer(eng) // or http.ListenAndServe("127.0.0.1:8000", eng)
	defer server.Close()
	client := dynamodb.New(dynamodb.Options{
		BaseEndpoint: aws.String(server.URL),
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider("local", "local", ""),
	})
	createNotes(ctx, client)
	tables, err := client.ListTables(ctx, &dynamodb.ListTablesInput{})
	fmt.Println(tables.TableNames, err)
	// Output: [Notes] <nil>
}
