package local

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	stypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"
)

func TestStreamCreateTable(t *testing.T) {
	_, _, c, _ := streamEngine(t)
	arn := createStreamTable(t, c, "orders", types.StreamViewTypeNewImage)
	if want := "arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/2026-03-01T12:00:00.250"; arn != want {
		t.Fatalf("LatestStreamArn = %s, want %s", arn, want)
	}
	d, err := c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("orders")})
	mustOK(t, err)
	if aws.ToString(d.Table.LatestStreamLabel) != "2026-03-01T12:00:00.250" || aws.ToString(d.Table.LatestStreamArn) != arn {
		t.Fatalf("DescribeTable: label %v arn %v", aws.ToString(d.Table.LatestStreamLabel), aws.ToString(d.Table.LatestStreamArn))
	}
	if s := d.Table.StreamSpecification; s == nil || !aws.ToBool(s.StreamEnabled) || s.StreamViewType != types.StreamViewTypeNewImage {
		t.Fatalf("StreamSpecification = %+v", s)
	}
	// StreamEnabled false alone makes no stream and is not described.
	createStreamTable(t, c, "plain", "")
	_, err = c.CreateTable(ctx, &dynamodb.CreateTableInput{TableName: aws.String("off"), AttributeDefinitions: attrDefs("pk", "S"),
		KeySchema: keySchemaOf("pk"), BillingMode: types.BillingModePayPerRequest,
		StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(false)}})
	mustOK(t, err)
	d, err = c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("off")})
	mustOK(t, err)
	if d.Table.StreamSpecification != nil || d.Table.LatestStreamArn != nil {
		t.Fatalf("a disabled StreamSpecification is described: %+v %v", d.Table.StreamSpecification, d.Table.LatestStreamArn)
	}
}

func TestStreamSpecificationErrors(t *testing.T) {
	e, _, c, _ := streamEngine(t)
	// The SDK refuses a StreamSpecification without StreamEnabled itself.
	status, body := post(t, e, "DynamoDB_20120810.CreateTable", []byte(`{"TableName":"bad","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],`+
		`"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST","StreamSpecification":{"StreamViewType":"KEYS_ONLY"}}`))
	if want := "1 validation error detected: Value null at 'streamSpecification.streamEnabled' failed to satisfy constraint: Member must not be null"; status != 400 || !strings.Contains(body, want) {
		t.Fatalf("%d %s", status, body)
	}
	create := func(spec *types.StreamSpecification) error {
		_, err := c.CreateTable(ctx, &dynamodb.CreateTableInput{TableName: aws.String("bad"), AttributeDefinitions: attrDefs("pk", "S"),
			KeySchema: keySchemaOf("pk"), BillingMode: types.BillingModePayPerRequest, StreamSpecification: spec})
		return err
	}
	wantErr(t, create(&types.StreamSpecification{StreamEnabled: aws.Bool(true)}), "ValidationException",
		"One or more parameter values were invalid: Table is being created with a stream enabled, UpdateViewType is required")
	wantErr(t, create(&types.StreamSpecification{StreamEnabled: aws.Bool(false), StreamViewType: types.StreamViewTypeKeysOnly}), "ValidationException",
		"One or more parameter values were invalid: Table is being created with a stream disabled, UpdateViewType should not be specified")
	wantErr(t, create(&types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: "ALL"}), "ValidationException",
		"1 validation error detected: Value 'ALL' at 'streamSpecification.streamViewType' failed to satisfy constraint: "+
			"Member must satisfy enum value set: [NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY]")

	createStreamTable(t, c, "tbl", types.StreamViewTypeKeysOnly)
	update := func(spec *types.StreamSpecification) error {
		_, err := c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("tbl"), StreamSpecification: spec})
		return err
	}
	for _, view := range []types.StreamViewType{types.StreamViewTypeKeysOnly, types.StreamViewTypeNewImage} {
		wantErr(t, update(&types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: view}), "ValidationException",
			"Table already has an enabled stream: TableName: tbl")
	}
	wantErr(t, update(&types.StreamSpecification{StreamEnabled: aws.Bool(true)}), "ValidationException",
		"One or more parameter values were invalid: If stream is being enabled then UpdateViewType is required")
	wantErr(t, update(&types.StreamSpecification{StreamEnabled: aws.Bool(false), StreamViewType: types.StreamViewTypeKeysOnly}), "ValidationException",
		"One or more parameter values were invalid: If stream is being disabled, then UpdateViewType must not be specified")
	_, err := c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("tbl"), AttributeDefinitions: attrDefs("g", "S"),
		StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(false)},
		GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Create: &types.CreateGlobalSecondaryIndexAction{
			IndexName: aws.String("byG"), KeySchema: keySchemaOf("g"), Projection: &types.Projection{ProjectionType: types.ProjectionTypeAll}}}}})
	wantErr(t, err, "ValidationException", "One or more parameter values were invalid: You cannot create or delete index while changing stream status")
	mustOK(t, update(&types.StreamSpecification{StreamEnabled: aws.Bool(false)}))
	wantErr(t, update(&types.StreamSpecification{StreamEnabled: aws.Bool(false)}), "ValidationException",
		"Table has no stream to disable: TableName: tbl")
}

func TestStreamDisableAndReenable(t *testing.T) {
	_, clock, c, sc := streamEngine(t)
	first := createStreamTable(t, c, "tbl", types.StreamViewTypeNewAndOldImages)
	putPK(t, c, "tbl", "a", "1")
	clock.set(streamT0.Add(time.Minute))
	out, err := c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("tbl"),
		StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(false)}})
	mustOK(t, err)
	if d := out.TableDescription; d.StreamSpecification != nil || aws.ToString(d.LatestStreamArn) != first {
		t.Fatalf("after disabling: spec %+v, LatestStreamArn %v", d.StreamSpecification, aws.ToString(d.LatestStreamArn))
	}
	putPK(t, c, "tbl", "b", "2") // not recorded: the stream is disabled
	ds, err := sc.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(first)})
	mustOK(t, err)
	d := ds.StreamDescription
	if d.StreamStatus != stypes.StreamStatusDisabled || len(d.Shards) != 1 ||
		aws.ToString(d.Shards[0].SequenceNumberRange.EndingSequenceNumber) != "000000000000000000001" {
		t.Fatalf("disabled stream: %s, shards %+v", d.StreamStatus, d.Shards)
	}
	if recs := readStream(t, sc, first, 0); !slices.Equal(eventNames(recs), []string{"INSERT"}) {
		t.Fatalf("disabled stream's records: %v", eventNames(recs))
	}

	clock.set(streamT0.Add(2 * time.Minute))
	out, err = c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("tbl"),
		StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: types.StreamViewTypeKeysOnly}})
	mustOK(t, err)
	second := aws.ToString(out.TableDescription.LatestStreamArn)
	if second == first || !strings.HasSuffix(second, "/stream/2026-03-01T12:02:00.250") {
		t.Fatalf("re-enabled stream's ARN: %s", second)
	}
	putPK(t, c, "tbl", "c", "3")
	recs := readStream(t, sc, second, 0)
	if len(recs) != 1 || recs[0].Dynamodb.StreamViewType != stypes.StreamViewTypeKeysOnly || *recs[0].Dynamodb.SequenceNumber != "000000000000000000001" {
		t.Fatalf("new stream's records: %+v", recs)
	}
	ls, err := sc.ListStreams(ctx, &dynamodbstreams.ListStreamsInput{})
	mustOK(t, err)
	if len(ls.Streams) != 2 || *ls.Streams[0].StreamArn != second || *ls.Streams[1].StreamArn != first {
		t.Fatalf("ListStreams: %+v", ls.Streams)
	}
}

func TestStreamDeleteTable(t *testing.T) {
	_, clock, c, sc := streamEngine(t)
	arn := createStreamTable(t, c, "tbl", types.StreamViewTypeKeysOnly)
	putPK(t, c, "tbl", "a", "1")
	_, err := c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String("tbl")})
	mustOK(t, err)
	ds, err := sc.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn)})
	mustOK(t, err)
	if ds.StreamDescription.StreamStatus != stypes.StreamStatusDisabled {
		t.Fatalf("stream of a deleted table: %s", ds.StreamDescription.StreamStatus)
	}
	if recs := readStream(t, sc, arn, 0); len(recs) != 1 {
		t.Fatalf("stream of a deleted table: %d records", len(recs))
	}
	// 24 hours after it was disabled, the stream is gone.
	clock.set(streamT0.Add(streamRetention + time.Second))
	_, err = sc.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn)})
	wantErr(t, err, "ResourceNotFoundException", "Requested resource not found: Stream: "+arn+" not found")
	ls, err := sc.ListStreams(ctx, &dynamodbstreams.ListStreamsInput{})
	mustOK(t, err)
	if len(ls.Streams) != 0 {
		t.Fatalf("expired stream listed: %+v", ls.Streams)
	}
}

var eventIDPattern = regexp.MustCompile(`^[0-9a-f]{32}$`)

func TestStreamRecordShapes(t *testing.T) {
	for _, view := range []types.StreamViewType{types.StreamViewTypeKeysOnly, types.StreamViewTypeNewImage,
		types.StreamViewTypeOldImage, types.StreamViewTypeNewAndOldImages} {
		t.Run(string(view), func(t *testing.T) {
			_, _, c, sc := streamEngine(t)
			arn := createStreamTable(t, c, "tbl", view)
			putPK(t, c, "tbl", "a", "1")
			putPK(t, c, "tbl", "a", "1") // changes nothing: no record
			_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("tbl"),
				Item: map[string]av{"pk": str("a"), "v": num("2"), "s": str("hello")}})
			mustOK(t, err)
			_, err = c.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String("tbl"), Key: map[string]av{"pk": str("a")}})
			mustOK(t, err)
			_, err = c.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String("tbl"), Key: map[string]av{"pk": str("zz")}})
			mustOK(t, err) // deletes nothing: no record
			recs := readStream(t, sc, arn, 0)
			if !slices.Equal(eventNames(recs), []string{"INSERT", "MODIFY", "REMOVE"}) {
				t.Fatalf("events: %v", eventNames(recs))
			}
			// Sizes as DynamoDB Local 3.3.0 reports them for NEW_AND_OLD_IMAGES
			// (9, 21, 15): the key, then each image the record carries.
			withNew := view == types.StreamViewTypeNewImage || view == types.StreamViewTypeNewAndOldImages
			withOld := view == types.StreamViewTypeOldImage || view == types.StreamViewTypeNewAndOldImages
			sizes := []int64{3, 3, 3}
			if withNew {
				sizes[0] += 6
				sizes[1] += 12
			}
			if withOld {
				sizes[1] += 6
				sizes[2] += 12
			}
			for i, r := range recs {
				d := r.Dynamodb
				if aws.ToString(r.AwsRegion) != "us-east-1" || aws.ToString(r.EventSource) != "aws:dynamodb" ||
					aws.ToString(r.EventVersion) != "1.1" || !eventIDPattern.MatchString(aws.ToString(r.EventID)) || r.UserIdentity != nil {
					t.Fatalf("record %d: %+v", i, r)
				}
				if d.StreamViewType != stypes.StreamViewType(view) || aws.ToString(d.SequenceNumber) != formatSeq(uint64(i+1)) ||
					aws.ToInt64(d.SizeBytes) != sizes[i] || !d.ApproximateCreationDateTime.Equal(streamT0.Truncate(time.Second)) {
					t.Fatalf("record %d: view %s seq %s size %d (want %d) time %v", i, d.StreamViewType,
						aws.ToString(d.SequenceNumber), aws.ToInt64(d.SizeBytes), sizes[i], d.ApproximateCreationDateTime)
				}
				if k, ok := d.Keys["pk"].(*stypes.AttributeValueMemberS); !ok || k.Value != "a" || len(d.Keys) != 1 {
					t.Fatalf("record %d: keys %+v", i, d.Keys)
				}
				hasNew, hasOld := d.NewImage != nil, d.OldImage != nil
				if hasNew != (withNew && i < 2) || hasOld != (withOld && i > 0) {
					t.Fatalf("record %d: new image %v old image %v", i, hasNew, hasOld)
				}
			}
			if withNew {
				if s, ok := recs[1].Dynamodb.NewImage["s"].(*stypes.AttributeValueMemberS); !ok || s.Value != "hello" {
					t.Fatalf("MODIFY's new image: %+v", recs[1].Dynamodb.NewImage)
				}
			}
		})
	}
}

func TestStreamRecordsEveryWrite(t *testing.T) {
	_, _, c, sc := streamEngine(t)
	arn := createStreamTable(t, c, "tbl", types.StreamViewTypeNewAndOldImages)
	_, err := c.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{"tbl": {
		{PutRequest: &types.PutRequest{Item: map[string]av{"pk": str("a"), "v": num("1")}}},
		{PutRequest: &types.PutRequest{Item: map[string]av{"pk": str("b"), "v": num("1")}}},
	}}})
	mustOK(t, err)
	_, err = c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String("tbl"), Key: map[string]av{"pk": str("a")},
		UpdateExpression: aws.String("SET v = v + :one"), ExpressionAttributeValues: map[string]av{":one": num("1")}})
	mustOK(t, err)
	_, err = c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String("tbl"), Key: map[string]av{"pk": str("a")},
		UpdateExpression: aws.String("SET v = :v"), ExpressionAttributeValues: map[string]av{":v": num("2")}})
	mustOK(t, err) // v is 2 already: no record
	_, err = c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
		{Delete: &types.Delete{TableName: aws.String("tbl"), Key: map[string]av{"pk": str("b")}}},
		{Put: &types.Put{TableName: aws.String("tbl"), Item: map[string]av{"pk": str("c"), "v": num("3")}}},
	}})
	mustOK(t, err)
	_, err = c.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String("tbl"), Key: map[string]av{"pk": str("a")},
		ConditionExpression: aws.String("v = :v"), ExpressionAttributeValues: map[string]av{":v": num("9")}})
	wantErr(t, err, "ConditionalCheckFailedException", "") // fails: no record
	recs := readStream(t, sc, arn, 2)
	if got, want := eventNames(recs), []string{"INSERT", "INSERT", "MODIFY", "REMOVE", "INSERT"}; !slices.Equal(got, want) {
		t.Fatalf("events %v, want %v", got, want)
	}
	keys := ""
	for _, r := range recs {
		keys += r.Dynamodb.Keys["pk"].(*stypes.AttributeValueMemberS).Value
	}
	if keys != "abab"+"c" {
		t.Fatalf("keys in order %q", keys)
	}
	if v := recs[2].Dynamodb.NewImage["v"].(*stypes.AttributeValueMemberN).Value; v != "2" {
		t.Fatalf("UpdateItem's new image: v = %s", v)
	}
}

func TestStreamTTLRecord(t *testing.T) {
	e, clock, c, sc := streamEngine(t)
	arn := createStreamTable(t, c, "tbl", types.StreamViewTypeOldImage)
	_, err := c.UpdateTimeToLive(ctx, &dynamodb.UpdateTimeToLiveInput{TableName: aws.String("tbl"),
		TimeToLiveSpecification: &types.TimeToLiveSpecification{AttributeName: aws.String("exp"), Enabled: aws.Bool(true)}})
	mustOK(t, err)
	_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("tbl"),
		Item: map[string]av{"pk": str("a"), "exp": num("1772366500")}})
	mustOK(t, err)
	_, err = c.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String("tbl"), Key: map[string]av{"pk": str("a")}})
	mustOK(t, err)
	_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("tbl"),
		Item: map[string]av{"pk": str("a"), "exp": num("1772366500")}})
	mustOK(t, err)
	clock.set(time.Unix(1772366600, 0))
	e.SweepExpired()
	recs := readStream(t, sc, arn, 0)
	if !slices.Equal(eventNames(recs), []string{"INSERT", "REMOVE", "INSERT", "REMOVE"}) {
		t.Fatalf("events: %v", eventNames(recs))
	}
	if recs[1].UserIdentity != nil {
		t.Fatalf("a user's deletion has a userIdentity: %+v", recs[1].UserIdentity)
	}
	id := recs[3].UserIdentity
	if id == nil || aws.ToString(id.PrincipalId) != "dynamodb.amazonaws.com" || aws.ToString(id.Type) != "Service" {
		t.Fatalf("TTL deletion's userIdentity: %+v", id)
	}
}
