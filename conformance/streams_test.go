package conformance

import (
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	stypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"
)

// TestStreams covers DynamoDB Streams: StreamSpecification on CreateTable
// and UpdateTable, the records of writes, and the DynamoDBStreams_20120810
// operations and their errors.
func TestStreams(t *testing.T) { runCases(t, streamCases) }

// withStream returns hashS with a stream of the given view type.
func withStream(view types.StreamViewType) *dynamodb.CreateTableInput {
	return spec(hashS, func(in *dynamodb.CreateTableInput) {
		in.StreamSpecification = &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: view}
	})
}

// updateStream is an UpdateTable of "$T"'s StreamSpecification.
func updateStream(enabled *bool, view types.StreamViewType) *dynamodb.UpdateTableInput {
	return &dynamodb.UpdateTableInput{StreamSpecification: &types.StreamSpecification{StreamEnabled: enabled, StreamViewType: view}}
}

// streamsTarget is the X-Amz-Target of a DynamoDB Streams operation.
func streamsTarget(op string) string { return "DynamoDBStreams_20120810." + op }

// streamARN returns the LatestStreamArn of "$T".
func (e *Env) streamARN() string {
	out, _ := e.Call(&dynamodb.DescribeTableInput{}).out.(*dynamodb.DescribeTableOutput)
	if out == nil || out.Table.LatestStreamArn == nil {
		e.Fatalf("DescribeTable: no LatestStreamArn")
	}
	return *out.Table.LatestStreamArn
}

// readStream reads every record of a stream, shard by shard, from the
// trim horizon.
func (e *Env) readStream(arn string) []stypes.Record {
	sc := e.B.Streams
	d, err := sc.DescribeStream(e.Ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn)})
	if err != nil {
		e.Fatalf("DescribeStream: %v", err)
	}
	var out []stypes.Record
	for _, sh := range d.StreamDescription.Shards {
		it, err := sc.GetShardIterator(e.Ctx, &dynamodbstreams.GetShardIteratorInput{StreamArn: aws.String(arn),
			ShardId: sh.ShardId, ShardIteratorType: stypes.ShardIteratorTypeTrimHorizon})
		if err != nil {
			e.Fatalf("GetShardIterator: %v", err)
		}
		next := it.ShardIterator
		for range 100 { // bounded: a case's stream holds a page or two
			page, err := sc.GetRecords(e.Ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: next})
			if err != nil {
				e.Fatalf("GetRecords: %v", err)
			}
			out = append(out, page.Records...)
			if next = page.NextShardIterator; next == nil || len(page.Records) == 0 {
				break
			}
		}
	}
	return out
}

const (
	localStreamEnabled = `DynamoDB says "Table already has an enabled stream: TableName: $T" (` + ackQuirks + `DDB-TABLE-050, DDB-TABLE-442); ` +
		`DynamoDB Local says "Table already has an enabled stream" (observed)`
	localStreamNone = `DynamoDB says "Table has no stream to disable: TableName: $T" (` + ackQuirks + `DDB-TABLE-050, DDB-TABLE-442); ` +
		`DynamoDB Local says "Table has no stream to disable" (observed)`
	localStreamViewType = `DynamoDB says "One or more parameter values were invalid: If stream is being enabled then UpdateViewType is required", ` +
		`"...If stream is being disabled, then UpdateViewType must not be specified", and on CreateTable "...Table is being created with a ` +
		`stream enabled, UpdateViewType is required" and "...with a stream disabled, UpdateViewType should not be specified" (` + ackQuirks +
		`DDB-TABLE-050, DDB-TABLE-442); DynamoDB Local says "Invalid StreamViewType: Stream ViewType must not be null or empty when enabling ` +
		`streams." and "Invalid StreamViewType: Stream StreamEnabled was false but a StreamViewType was present." (observed)`
	localStreamTime = `DynamoDB gives a record's ApproximateCreationDateTime rounded down to the second (API Reference, StreamRecord) ` +
		`and its eventID as 32 hex digits (a GetRecords answer recorded on DynamoDB, https://pastebin.com/Anu9nCzN, whose SizeBytes ` +
		`also count the keys and each image); DynamoDB Local rounds it down to the minute and writes a UUID (observed)`
)

// streamErr is a step whose ValidationException's message DynamoDB Local
// words differently.
func streamErr(call any, msg, localDiffers string) Step {
	return Step{Call: call, Err: "ValidationException", Msg: msg, LocalDiffers: localDiffers, Local: &Expect{Err: "ValidationException"}}
}

var streamCases = []Case{
	{Name: "CreateTable with a stream", Steps: []Step{
		create(withStream(types.StreamViewTypeNewAndOldImages), `{"TableDescription":{"StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"}}}`),
		describe(`{"Table":{"StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"}}}`),
	}, Run: func(e *Env) {
		arn := e.streamARN()
		_, label, ok := strings.Cut(arn, "/stream/")
		if !ok || !strings.Contains(arn, ":table/"+e.Name("$T")+"/stream/") || len(label) != len("2006-01-02T15:04:05.000") || label[10] != 'T' {
			e.Errorf("LatestStreamArn %s: want TABLE_ARN/stream/LABEL with a timestamp label", arn)
		}
		ls, err := e.B.Streams.ListStreams(e.Ctx, &dynamodbstreams.ListStreamsInput{TableName: aws.String(e.Name("$T"))})
		if err != nil || len(ls.Streams) != 1 || *ls.Streams[0].StreamArn != arn || *ls.Streams[0].StreamLabel != label {
			e.Errorf("ListStreams of $T: %+v, %v", ls, err)
		}
		d, err := e.B.Streams.DescribeStream(e.Ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn)})
		if err != nil {
			e.Fatalf("DescribeStream: %v", err)
		}
		sd := d.StreamDescription
		if sd.StreamStatus != stypes.StreamStatusEnabled || sd.StreamViewType != stypes.StreamViewTypeNewAndOldImages ||
			*sd.TableName != e.Name("$T") || len(sd.KeySchema) != 1 || *sd.KeySchema[0].AttributeName != "pk" ||
			len(sd.Shards) != 1 || sd.Shards[0].SequenceNumberRange.EndingSequenceNumber != nil || sd.CreationRequestDateTime == nil {
			e.Errorf("DescribeStream: %+v", sd)
		}
	}},
	{Name: "stream records of writes", Table: withStream(types.StreamViewTypeNewAndOldImages), Steps: []Step{
		put(Item{"pk": S("a"), "v": N("1")}),
		put(Item{"pk": S("a"), "v": N("1")}), // changes nothing: no record
		put(Item{"pk": S("a"), "v": N("2"), "s": S("hello")}),
		{Call: &dynamodb.DeleteItemInput{Key: Item{"pk": S("a")}}},
		{Call: &dynamodb.DeleteItemInput{Key: Item{"pk": S("zz")}}}, // deletes nothing: no record
	}, Run: func(e *Env) {
		recs := e.readStream(e.streamARN())
		var names []string
		var sizes []int64
		for _, r := range recs {
			names = append(names, string(r.EventName))
			sizes = append(sizes, aws.ToInt64(r.Dynamodb.SizeBytes))
		}
		if !slices.Equal(names, []string{"INSERT", "MODIFY", "REMOVE"}) || !slices.Equal(sizes, []int64{9, 21, 15}) {
			e.Fatalf("records: %v, sizes %v; want INSERT, MODIFY, REMOVE of 9, 21 and 15 bytes", names, sizes)
		}
		prev := ""
		for i, r := range recs {
			d := r.Dynamodb
			seq := aws.ToString(d.SequenceNumber)
			if aws.ToString(r.EventSource) != "aws:dynamodb" || aws.ToString(r.EventVersion) != "1.1" || r.AwsRegion == nil ||
				d.StreamViewType != stypes.StreamViewTypeNewAndOldImages || len(seq) < 21 || (len(seq) == len(prev) && seq <= prev) {
				e.Errorf("record %d: %+v", i, r)
			}
			prev = seq
		}
		if recs[0].Dynamodb.OldImage != nil || recs[2].Dynamodb.NewImage != nil || len(recs[1].Dynamodb.NewImage) != 3 || len(recs[1].Dynamodb.OldImage) != 2 {
			e.Errorf("images: %+v", recs)
		}
	}},
	{Name: "stream record IDs and times", Table: withStream(types.StreamViewTypeKeysOnly), Steps: []Step{put(Item{"pk": S("a")})},
		LocalDiffers: localStreamTime, Run: func(e *Env) {
			r := e.readStream(e.streamARN())[0]
			if id := aws.ToString(r.EventID); len(id) != 32 || strings.Trim(id, "0123456789abcdef") != "" {
				e.Errorf("eventID %q: want 32 hex digits", id)
			}
			if at := r.Dynamodb.ApproximateCreationDateTime; at == nil || at.Nanosecond() != 0 {
				e.Errorf("ApproximateCreationDateTime %v: want whole seconds", at)
			}
			if len(r.Dynamodb.Keys) != 1 || r.Dynamodb.NewImage != nil || aws.ToInt64(r.Dynamodb.SizeBytes) != 3 {
				e.Errorf("KEYS_ONLY record: %+v", r.Dynamodb)
			}
		}},
	{Name: "UpdateTable enabling and disabling a stream", Table: withStream(types.StreamViewTypeKeysOnly), Steps: []Step{
		streamErr(updateStream(aws.Bool(true), types.StreamViewTypeKeysOnly), "Table already has an enabled stream: TableName: $T", localStreamEnabled),
		streamErr(updateStream(aws.Bool(true), types.StreamViewTypeNewImage), "Table already has an enabled stream: TableName: $T", localStreamEnabled),
		streamErr(updateStream(aws.Bool(false), types.StreamViewTypeKeysOnly),
			invalidArg+"If stream is being disabled, then UpdateViewType must not be specified", localStreamViewType),
		put(Item{"pk": S("a")}),
		{Call: updateStream(aws.Bool(false), ""), Want: `{"TableDescription":{"StreamSpecification":null}}`},
		describe(`{"Table":{"StreamSpecification":null}}`),
		streamErr(updateStream(aws.Bool(false), ""), "Table has no stream to disable: TableName: $T", localStreamNone),
		streamErr(updateStream(aws.Bool(true), ""), invalidArg+"If stream is being enabled then UpdateViewType is required", localStreamViewType),
	}, Run: func(e *Env) {
		old := e.streamARN() // kept after disabling
		d, err := e.B.Streams.DescribeStream(e.Ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(old)})
		if err != nil || d.StreamDescription.StreamStatus != stypes.StreamStatusDisabled ||
			d.StreamDescription.Shards[0].SequenceNumberRange.EndingSequenceNumber == nil {
			e.Fatalf("disabled stream: %+v, %v", d, err)
		}
		if recs := e.readStream(old); len(recs) != 1 {
			e.Errorf("disabled stream: %d records, want 1", len(recs))
		}
		e.Do(Step{Call: updateStream(aws.Bool(true), types.StreamViewTypeNewImage),
			Want: `{"TableDescription":{"StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_IMAGE"}}}`})
		if now := e.streamARN(); now == old {
			e.Errorf("re-enabled stream has the old ARN %s", old)
		}
		ls, err := e.B.Streams.ListStreams(e.Ctx, &dynamodbstreams.ListStreamsInput{TableName: aws.String(e.Name("$T"))})
		if err != nil || len(ls.Streams) != 2 {
			e.Errorf("ListStreams: %+v, %v; want both streams", ls, err)
		}
	}},
	{Name: "CreateTable with a stream but no view type", Steps: []Step{streamErr(spec(hashS, func(in *dynamodb.CreateTableInput) {
		in.StreamSpecification = &types.StreamSpecification{StreamEnabled: aws.Bool(true)}
	}), invalidArg+"Table is being created with a stream enabled, UpdateViewType is required", localStreamViewType)}},
	{Name: "CreateTable with a disabled stream's view type", Steps: []Step{streamErr(spec(hashS, func(in *dynamodb.CreateTableInput) {
		in.StreamSpecification = &types.StreamSpecification{StreamEnabled: aws.Bool(false), StreamViewType: types.StreamViewTypeKeysOnly}
	}), invalidArg+"Table is being created with a stream disabled, UpdateViewType should not be specified", localStreamViewType)}},
	{Name: "CreateTable with a disabled stream", Steps: []Step{
		create(spec(hashS, func(in *dynamodb.CreateTableInput) {
			in.StreamSpecification = &types.StreamSpecification{StreamEnabled: aws.Bool(false)}
		}), `{"TableDescription":{"StreamSpecification":null,"LatestStreamArn":null}}`),
	}},
	{Name: "DynamoDB Streams errors", Table: withStream(types.StreamViewTypeKeysOnly), Steps: []Step{
		{Raw: &Raw{Target: streamsTarget("DescribeStream"), Body: `{"StreamArn":"$ARN/stream/2020-01-01T00:00:00.000"}`}, Status: 400,
			Err: "ResourceNotFoundException", Msg: "Requested resource not found: Stream: arn:aws:dynamodb:*:table/$T/stream/2020-01-01T00:00:00.000 not found"},
		{Raw: &Raw{Target: streamsTarget("DescribeStream"), Body: `{"StreamArn":"$ARN/stream/2020-01-01T00:00:00.000","Limit":0}`}, Status: 400,
			Err: "ValidationException", Msg: "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{Raw: &Raw{Target: streamsTarget("DescribeStream"), Body: `{"StreamArn":"$ARN/stream/2020-01-01T00:00:00.000","ExclusiveStartShardId":"x"}`}, Status: 400,
			Err: "ValidationException", Msg: "1 validation error detected: Value 'x' at 'exclusiveStartShardId' failed to satisfy constraint: Member must have length greater than or equal to 28"},
		{Raw: &Raw{Target: streamsTarget("DescribeStream"), Body: `{"StreamArn":"$ARN/stream/2020-01-01T00:00:00.000","Limit":101}`}, Status: 400,
			Err: "ValidationException", Msg: invalidArg + "Limit cannot be greater than the maximum: 100"},
		{Raw: &Raw{Target: streamsTarget("ListStreams"), Body: `{"Limit":0}`}, Status: 400,
			Err: "ValidationException", Msg: "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{Raw: &Raw{Target: streamsTarget("ListStreams"), Body: `{"Limit":101}`}, Status: 400,
			Err: "ValidationException", Msg: invalidArg + "Limit cannot be greater than the maximum allowed size: 100"},
		{Raw: &Raw{Target: streamsTarget("ListStreams"), Body: `{"TableName":"$T2"}`}, Status: 200, Want: `{"Streams":[]}`},
		{Raw: &Raw{Target: streamsTarget("GetShardIterator"), Body: `{"StreamArn":"$ARN/stream/2020-01-01T00:00:00.000","ShardId":"shardId-00000001600000000000-00000000",` +
			`"ShardIteratorType":"AT_SEQUENCE_NUMBER","SequenceNumber":"abc"}`}, Status: 400,
			Err: "ValidationException", Msg: "1 validation error detected: Value 'abc' at 'sequenceNumber' failed to satisfy constraint: Member must have length greater than or equal to 21"},
		{Raw: &Raw{Target: streamsTarget("GetRecords"), Body: `{"ShardIterator":"abc"}`}, Status: 400, Err: "ValidationException", Msg: "Invalid ShardIterator"},
		{Raw: &Raw{Target: streamsTarget("GetRecords"), Body: `{"ShardIterator":"$ARN/stream/2020-01-01T00:00:00.000|001|Zm9v"}`}, Status: 400,
			Err: "ValidationException", Msg: "Invalid ShardIterator"},
		{Raw: &Raw{Target: streamsTarget("PutItem"), Body: `{}`}, Status: 400, Err: "UnknownOperationException"},
	}, Run: func(e *Env) {
		arn := e.streamARN()
		d, err := e.B.Streams.DescribeStream(e.Ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn)})
		if err != nil {
			e.Fatalf("DescribeStream: %v", err)
		}
		shard := *d.StreamDescription.Shards[0].ShardId
		steps := []Step{
			{Raw: &Raw{Target: streamsTarget("GetShardIterator"), Body: `{"StreamArn":"` + arn + `","ShardId":"` + shard + `","ShardIteratorType":"AT_SEQUENCE_NUMBER"}`},
				Status: 400, Err: "ValidationException", Msg: invalidArg + "Invalid SequenceNumber"},
			{Raw: &Raw{Target: streamsTarget("GetShardIterator"), Body: `{"StreamArn":"` + arn + `","ShardId":"` + shard +
				`","ShardIteratorType":"TRIM_HORIZON","SequenceNumber":"000000000000000000001"}`},
				Status: 400, Err: "ValidationException", Msg: invalidArg + "SequenceNumber should not be passed for this iterator type"},
			{Raw: &Raw{Target: streamsTarget("GetShardIterator"), Body: `{"StreamArn":"` + arn + `","ShardId":"` + shard[:len(shard)-1] + `x","ShardIteratorType":"LATEST"}`},
				Status: 400, Err: "ResourceNotFoundException", Msg: "Shard does not exist"},
		}
		for _, s := range steps {
			e.Do(s)
		}
	}},
}
