package local

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

type av = types.AttributeValue

func str(s string) *types.AttributeValueMemberS { return &types.AttributeValueMemberS{Value: s} }
func num(s string) *types.AttributeValueMemberN { return &types.AttributeValueMemberN{Value: s} }

// pk returns a PK/SK key.
func pk(p, s string) map[string]av { return map[string]av{"PK": str(p), "SK": str(s)} }

// withAttrs returns key plus attributes.
func withAttrs(key map[string]av, kv ...any) map[string]av {
	out := map[string]av{}
	for k, v := range key {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i].(string)] = kv[i+1].(av)
	}
	return out
}

func TestPutGetDelete(t *testing.T) {
	_, c := newClient(t)
	createPKSK(t, c, "tbl")
	item := withAttrs(pk("u1", "g1"), "n", num("1.50"), "s", str("x"))
	_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("tbl"), Item: item})
	mustOK(t, err)
	got, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("tbl"), Key: pk("u1", "g1"), ConsistentRead: aws.Bool(true),
		ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal})
	mustOK(t, err)
	if got.Item["n"].(*types.AttributeValueMemberN).Value != "1.5" || *got.ConsumedCapacity.CapacityUnits != 1 {
		t.Fatalf("got %+v cap %+v", got.Item, got.ConsumedCapacity)
	}
	got, err = c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("tbl"), Key: pk("u1", "g1"), ProjectionExpression: aws.String("#s"),
		ExpressionAttributeNames: map[string]string{"#s": "s"}, ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal})
	mustOK(t, err)
	if len(got.Item) != 1 || *got.ConsumedCapacity.CapacityUnits != 0.5 {
		t.Fatalf("projected %+v", got.Item)
	}
	_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("tbl"), Item: item, ConditionExpression: aws.String("attribute_not_exists(PK)"),
		ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld})
	wantErr(t, err, "ConditionalCheckFailedException", "The conditional request failed")
	var ccf *types.ConditionalCheckFailedException
	if !errorsAs(err, &ccf) || ccf.Item["s"] == nil {
		t.Fatalf("no item in %v", err)
	}
	del, err := c.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String("tbl"), Key: pk("u1", "g1"), ReturnValues: types.ReturnValueAllOld})
	mustOK(t, err)
	if del.Attributes["s"] == nil {
		t.Fatalf("deleted %+v", del.Attributes)
	}
	got, err = c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("tbl"), Key: pk("u1", "g1")})
	mustOK(t, err)
	if got.Item != nil {
		t.Fatalf("still there: %+v", got.Item)
	}
}

func TestItemValidation(t *testing.T) {
	_, c := newClient(t)
	createPKSK(t, c, "tbl")
	tbl := aws.String("tbl")
	tests := []struct {
		name string
		run  func() error
		code string
		msg  string
	}{
		{"missing table", func() error {
			_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("nope"), Item: pk("a", "b")})
			return err
		}, "ResourceNotFoundException", "Requested resource not found"},
		{"type mismatch", func() error {
			_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: map[string]av{"PK": num("1"), "SK": str("b")}})
			return err
		}, "ValidationException", "One or more parameter values were invalid: Type mismatch for key PK expected: S actual: N"},
		{"missing key", func() error {
			_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: map[string]av{"PK": str("a")}})
			return err
		}, "ValidationException", "One or more parameter values were invalid: Missing the key SK in the item"},
		{"empty key", func() error {
			_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: pk("", "b")})
			return err
		}, "ValidationException", "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: PK"},
		{"big key", func() error {
			_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: pk(strings.Repeat("x", 2049), "b")})
			return err
		}, "ValidationException", "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes"},
		{"big item", func() error {
			_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: withAttrs(pk("a", "b"), "x", str(strings.Repeat("x", 410000)))})
			return err
		}, "ValidationException", "Item size has exceeded the maximum allowed size"},
		{"bad return values", func() error {
			_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: pk("a", "b"), ReturnValues: types.ReturnValueAllNew})
			return err
		}, "ValidationException", "ReturnValues can only be ALL_OLD or NONE"},
		{"key mismatch", func() error {
			_, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: tbl, Key: map[string]av{"PK": str("a")}})
			return err
		}, "ValidationException", "The provided key element does not match the schema"},
		{"update key", func() error {
			_, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: tbl, Key: pk("a", "b"), UpdateExpression: aws.String("SET PK = :v"),
				ExpressionAttributeValues: map[string]av{":v": str("x")}})
			return err
		}, "ValidationException", "One or more parameter values were invalid: Cannot update attribute PK. This attribute is part of the key"},
		{"unused value", func() error {
			_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: pk("a", "b"), ConditionExpression: aws.String("attribute_exists(x)"),
				ExpressionAttributeValues: map[string]av{":v": str("x")}})
			return err
		}, "ValidationException", "Value provided in ExpressionAttributeValues unused in expressions: keys: {:v}"},
		{"values without expression", func() error {
			_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: pk("a", "b"), ExpressionAttributeValues: map[string]av{":v": str("x")}})
			return err
		}, "ValidationException", "ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null"},
		{"index key type", func() error {
			_, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: tbl, Key: pk("a", "b"), UpdateExpression: aws.String("SET x = :v"),
				ExpressionAttributeValues: map[string]av{":v": &types.AttributeValueMemberSS{Value: []string{"a", "a"}}}})
			return err
		}, "ValidationException", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { wantErr(t, tc.run(), tc.code, tc.msg) })
	}
}

func TestUpdateItemReturnValues(t *testing.T) {
	_, c := newClient(t)
	createPKSK(t, c, "tbl")
	tbl := aws.String("tbl")
	up := func(rv types.ReturnValue, expr string, vals map[string]av) map[string]av {
		t.Helper()
		out, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: tbl, Key: pk("a", "b"), UpdateExpression: aws.String(expr),
			ExpressionAttributeValues: vals, ReturnValues: rv})
		mustOK(t, err)
		return out.Attributes
	}
	if got := up(types.ReturnValueAllNew, "SET n = :one, m = :m", map[string]av{":one": num("1"), ":m": &types.AttributeValueMemberM{Value: map[string]av{"x": num("2")}}}); len(got) != 4 {
		t.Fatalf("ALL_NEW %+v", got)
	}
	if got := up(types.ReturnValueUpdatedOld, "ADD n :one", map[string]av{":one": num("1")}); got["n"].(*types.AttributeValueMemberN).Value != "1" || len(got) != 1 {
		t.Fatalf("UPDATED_OLD %+v", got)
	}
	got := up(types.ReturnValueUpdatedNew, "SET m.x = m.x + :one", map[string]av{":one": num("1")})
	if m := got["m"].(*types.AttributeValueMemberM).Value; m["x"].(*types.AttributeValueMemberN).Value != "3" {
		t.Fatalf("UPDATED_NEW %+v", got)
	}
	if got := up(types.ReturnValueAllOld, "REMOVE m", nil); got["m"] == nil {
		t.Fatalf("ALL_OLD %+v", got)
	}
	_, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: tbl, Key: pk("a", "b"), UpdateExpression: aws.String("SET n = n + :one"),
		ConditionExpression: aws.String("n > :ten"), ExpressionAttributeValues: map[string]av{":one": num("1"), ":ten": num("10")}})
	wantErr(t, err, "ConditionalCheckFailedException", "The conditional request failed")
}

func TestLegacyParameters(t *testing.T) {
	_, c := newClient(t)
	createPKSK(t, c, "tbl")
	tbl := aws.String("tbl")
	_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: withAttrs(pk("a", "b"), "n", num("1")),
		Expected: map[string]types.ExpectedAttributeValue{"PK": {Exists: aws.Bool(false)}}})
	mustOK(t, err)
	_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: pk("a", "b"),
		Expected: map[string]types.ExpectedAttributeValue{"PK": {Exists: aws.Bool(false)}}})
	wantErr(t, err, "ConditionalCheckFailedException", "")
	_, err = c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: tbl, Key: pk("a", "b"),
		AttributeUpdates: map[string]types.AttributeValueUpdate{"n": {Action: types.AttributeActionAdd, Value: num("2")}, "s": {Value: str("x")}}})
	mustOK(t, err)
	got, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: tbl, Key: pk("a", "b"), AttributesToGet: []string{"n", "s"}})
	mustOK(t, err)
	if len(got.Item) != 2 || got.Item["n"].(*types.AttributeValueMemberN).Value != "3" {
		t.Fatalf("got %+v", got.Item)
	}
	_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: pk("a", "b"), ConditionExpression: aws.String("attribute_exists(PK)"),
		Expected: map[string]types.ExpectedAttributeValue{"PK": {Exists: aws.Bool(false)}}})
	wantErr(t, err, "ValidationException", "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}")
}
