package local_test

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dokklib/db/local"
)

// ExportTable writes a table as DynamoDB's export to S3 writes
// DYNAMODB_JSON; ImportTable loads such a file into another table.
func ExampleEngine_ExportTable() {
	ctx := context.Background()
	e := local.New()
	defer e.Close()
	c := e.Client()
	for _, name := range []string{"Music", "MusicCopy"} {
		_, err := c.CreateTable(ctx, &dynamodb.CreateTableInput{
			TableName:            aws.String(name),
			AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("Artist"), AttributeType: types.ScalarAttributeTypeS}},
			KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("Artist"), KeyType: types.KeyTypeHash}},
			BillingMode:          types.BillingModePayPerRequest,
		})
		if err != nil {
			panic(err)
		}
	}
	_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("Music"), Item: map[string]types.AttributeValue{
		"Artist": &types.AttributeValueMemberS{Value: "No One You Know"},
		"Year":   &types.AttributeValueMemberN{Value: "2024"},
	}})
	if err != nil {
		panic(err)
	}

	var file strings.Builder
	if _, err := e.ExportTable(ctx, "Music", &file); err != nil {
		panic(err)
	}
	fmt.Print(file.String())
	n, err := e.ImportTable(ctx, "MusicCopy", strings.NewReader(file.String()))
	if err != nil {
		panic(err)
	}
	fmt.Println("imported", n)
	if _, err := local.ExportItems(ctx, c, "MusicCopy", os.Stdout); err != nil {
		panic(err)
	}
	// Output:
	// {"Item":{"Artist":{"S":"No One You Know"},"Year":{"N":"2024"}}}
	// imported 1
	// {"Item":{"Artist":{"S":"No One You Know"},"Year":{"N":"2024"}}}
}
