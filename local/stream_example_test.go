package local_test

import (
	"context"
	"fmt"
	"log"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	stypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"

	"github.com/dokklib/db/local"
)

// createStreamed creates a table Events, keyed by ID, with a stream of
// new and old images.
func createStreamed(ctx context.Context, client *dynamodb.Client) {
	_, err := client.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName:            aws.String("Events"),
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("ID"), AttributeType: types.ScalarAttributeTypeS}},
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("ID"), KeyType: types.KeyTypeHash}},
		BillingMode:          types.BillingModePayPerRequest,
		StreamSpecification: &types.StreamSpecification{
			StreamEnabled:  aws.Bool(true),
			StreamViewType: types.StreamViewTypeNewAndOldImages,
		},
	})
	if err != nil {
		log.Fatal(err)
	}
}

// put writes the item {ID: id, State: state}.
func put(ctx context.Context, client *dynamodb.Client, id, state string) {
	_, err := client.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("Events"), Item: map[string]types.AttributeValue{
		"ID": &types.AttributeValueMemberS{Value: id}, "State": &types.AttributeValueMemberS{Value: state},
	}})
	if err != nil {
		log.Fatal(err)
	}
}

// ExampleEngine_StreamRecords reads a table's changes in process, then
// resumes from a checkpoint.
func ExampleEngine_StreamRecords() {
	ctx := context.Background()
	e := local.New()
	defer e.Close()
	client := e.Client()
	createStreamed(ctx, client)
	put(ctx, client, "order-1", "new")
	put(ctx, client, "order-1", "paid")

	var checkpoint string
	for rec, err := range e.StreamRecords(ctx, "Events", local.StreamReadOptions{}) {
		if err != nil {
			log.Fatal(err)
		}
		state := rec.Dynamodb.NewImage["State"].(*stypes.AttributeValueMemberS).Value
		fmt.Println(rec.EventName, state)
		checkpoint = *rec.Dynamodb.SequenceNumber
	}

	put(ctx, client, "order-2", "new")
	for rec, err := range e.StreamRecords(ctx, "Events", local.StreamReadOptions{After: checkpoint}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(rec.EventName, rec.Dynamodb.Keys["ID"].(*stypes.AttributeValueMemberS).Value)
	}
	// Output:
	// INSERT new
	// MODIFY paid
	// INSERT order-2
}

// ExampleEngine_StreamsClient lists a table's streams with the SDK's
// DynamoDB Streams client, served in process.
func ExampleEngine_StreamsClient() {
	ctx := context.Background()
	e := local.New()
	defer e.Close()
	createStreamed(ctx, e.Client())

	out, err := e.StreamsClient().ListStreams(ctx, &dynamodbstreams.ListStreamsInput{TableName: aws.String("Events")})
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range out.Streams {
		fmt.Println(*s.TableName, len(*s.StreamLabel))
	}
	// Output:
	// Events 23
}
