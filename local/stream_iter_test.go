package local

import (
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	stypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"
)

// seqs returns the records' sequence numbers, joined.
func seqs(recs []stypes.Record) string {
	var out []string
	for _, r := range recs {
		out = append(out, strings.TrimLeft(aws.ToString(r.Dynamodb.SequenceNumber), "0"))
	}
	return strings.Join(out, ",")
}

func TestStreamIteratorTypes(t *testing.T) {
	_, _, c, sc := streamEngine(t)
	arn := createStreamTable(t, c, "tbl", types.StreamViewTypeKeysOnly)
	for _, p := range []string{"a", "b", "c"} {
		putPK(t, c, "tbl", p, "1")
	}
	sh := *shardsOf(t, sc, arn)[0].ShardId
	get := func(it *string, limit int32) *dynamodbstreams.GetRecordsOutput {
		t.Helper()
		in := &dynamodbstreams.GetRecordsInput{ShardIterator: it}
		if limit > 0 {
			in.Limit = aws.Int32(limit)
		}
		out, err := sc.GetRecords(ctx, in)
		mustOK(t, err)
		return out
	}
	cases := []struct {
		typ  stypes.ShardIteratorType
		seq  string
		want string
	}{
		{stypes.ShardIteratorTypeTrimHorizon, "", "1,2,3"},
		{stypes.ShardIteratorTypeLatest, "", ""},
		{stypes.ShardIteratorTypeAtSequenceNumber, formatSeq(2), "2,3"},
		{stypes.ShardIteratorTypeAfterSequenceNumber, formatSeq(2), "3"},
		{stypes.ShardIteratorTypeAfterSequenceNumber, formatSeq(3), ""},
	}
	for _, tc := range cases {
		out := get(iterator(t, sc, arn, sh, tc.typ, tc.seq), 0)
		if got := seqs(out.Records); got != tc.want || out.NextShardIterator == nil {
			t.Errorf("%s %s: records %q, want %q; next %v", tc.typ, tc.seq, got, tc.want, out.NextShardIterator)
		}
	}
	// LATEST reads what comes after it was issued; Limit pages.
	latest := iterator(t, sc, arn, sh, stypes.ShardIteratorTypeLatest, "")
	putPK(t, c, "tbl", "d", "1")
	putPK(t, c, "tbl", "e", "1")
	page := get(latest, 1)
	if seqs(page.Records) != "4" {
		t.Fatalf("LATEST, Limit 1: %q", seqs(page.Records))
	}
	if page = get(page.NextShardIterator, 1); seqs(page.Records) != "5" {
		t.Fatalf("next page: %q", seqs(page.Records))
	}
	// An iterator can be used again: it is a position, not a cursor.
	if again := get(latest, 0); seqs(again.Records) != "4,5" {
		t.Fatalf("iterator used again: %q", seqs(again.Records))
	}
}

func TestStreamIteratorErrors(t *testing.T) {
	_, clock, c, sc := streamEngine(t)
	arn := createStreamTable(t, c, "tbl", types.StreamViewTypeKeysOnly)
	putPK(t, c, "tbl", "a", "1")
	sh := *shardsOf(t, sc, arn)[0].ShardId
	getIt := func(shard string, typ stypes.ShardIteratorType, seq string) error {
		in := &dynamodbstreams.GetShardIteratorInput{StreamArn: aws.String(arn), ShardId: aws.String(shard), ShardIteratorType: typ}
		if seq != "" {
			in.SequenceNumber = aws.String(seq)
		}
		_, err := sc.GetShardIterator(ctx, in)
		return err
	}
	wantErr(t, getIt(sh, stypes.ShardIteratorTypeAtSequenceNumber, ""), "ValidationException",
		"One or more parameter values were invalid: Invalid SequenceNumber")
	wantErr(t, getIt(sh, stypes.ShardIteratorTypeTrimHorizon, formatSeq(1)), "ValidationException",
		"One or more parameter values were invalid: SequenceNumber should not be passed for this iterator type")
	wantErr(t, getIt(sh, stypes.ShardIteratorTypeAtSequenceNumber, formatSeq(9)), "ValidationException", "Invalid SequenceNumber for the shard")
	wantErr(t, getIt(sh, stypes.ShardIteratorTypeAtSequenceNumber, "0000000000000000000x1"), "ValidationException", "Invalid SequenceNumber for the shard")
	wantErr(t, getIt(sh, stypes.ShardIteratorTypeAtSequenceNumber, "1"), "ValidationException",
		"1 validation error detected: Value '1' at 'sequenceNumber' failed to satisfy constraint: Member must have length greater than or equal to 21")
	wantErr(t, getIt("shardId-00000000000000000000-00000000", stypes.ShardIteratorTypeLatest, ""), "ResourceNotFoundException",
		"Shard does not exist")
	wantErr(t, getIt("short", "SIDEWAYS", ""), "ValidationException", "2 validation errors detected: "+
		"Value 'short' at 'shardId' failed to satisfy constraint: Member must have length greater than or equal to 28; "+
		"Value 'SIDEWAYS' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER]")
	missing := strings.Replace(arn, "12:00:00.250", "12:00:00.251", 1)
	_, err := sc.GetShardIterator(ctx, &dynamodbstreams.GetShardIteratorInput{StreamArn: aws.String(missing), ShardId: aws.String(sh), ShardIteratorType: stypes.ShardIteratorTypeLatest})
	wantErr(t, err, "ResourceNotFoundException", "Requested resource not found: Stream: "+missing+" not found")

	it := iterator(t, sc, arn, sh, stypes.ShardIteratorTypeTrimHorizon, "")
	getRecords := func(it string, limit *int32) error {
		_, err := sc.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: aws.String(it), Limit: limit})
		return err
	}
	wantErr(t, getRecords(*it, aws.Int32(0)), "ValidationException",
		"1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1")
	wantErr(t, getRecords(*it, aws.Int32(1001)), "ValidationException",
		"1 validation error detected: Value '1001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 1000")
	for _, bad := range []string{"x", arn + "|1|AAAA", strings.Replace(*it, "|1|", "|1|A", 1), strings.Replace(*it, "table/tbl", "table/tbm", 1)} {
		wantErr(t, getRecords(bad, nil), "ValidationException", "Invalid ShardIterator")
	}
	// A closed shard takes only the numbers of its range.
	_, err = c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("tbl"),
		StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(false)}})
	mustOK(t, err)
	wantErr(t, getIt(sh, stypes.ShardIteratorTypeAtSequenceNumber, formatSeq(2)), "ValidationException", "Invalid SequenceNumber for the shard")
	mustOK(t, getIt(sh, stypes.ShardIteratorTypeAtSequenceNumber, formatSeq(1)))
	// An iterator expires 15 minutes after it was issued.
	clock.set(streamT0.Add(iteratorLifetime))
	mustOK(t, getRecords(*it, nil))
	clock.set(streamT0.Add(iteratorLifetime + time.Millisecond))
	wantErr(t, getRecords(*it, nil), "ExpiredIteratorException", "Iterator expired")
}

func TestStreamTrim(t *testing.T) {
	_, clock, c, sc := streamEngine(t)
	arn := createStreamTable(t, c, "tbl", types.StreamViewTypeKeysOnly)
	putPK(t, c, "tbl", "a", "1")
	clock.set(streamT0.Add(10 * time.Minute))
	putPK(t, c, "tbl", "b", "1")
	sh := *shardsOf(t, sc, arn)[0].ShardId
	clock.set(streamT0.Add(streamRetention + time.Minute)) // the first record ages out
	old := iterator(t, sc, arn, sh, stypes.ShardIteratorTypeAtSequenceNumber, formatSeq(2))
	if recs := readStream(t, sc, arn, 0); seqs(recs) != "2" {
		t.Fatalf("after 24 hours: %q", seqs(recs))
	}
	_, err := sc.GetShardIterator(ctx, &dynamodbstreams.GetShardIteratorInput{StreamArn: aws.String(arn), ShardId: aws.String(sh),
		ShardIteratorType: stypes.ShardIteratorTypeAtSequenceNumber, SequenceNumber: aws.String(formatSeq(1))})
	wantErr(t, err, "TrimmedDataAccessException", "")
	// An iterator whose next record ages out before it is used is trimmed.
	clock.set(streamT0.Add(streamRetention + 11*time.Minute))
	_, err = sc.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: old})
	wantErr(t, err, "TrimmedDataAccessException", "")
}

func TestStreamShardRollover(t *testing.T) {
	e, clock, c, sc := streamEngine(t)
	e.streams.limits.shardRecords = 2
	arn := createStreamTable(t, c, "tbl", types.StreamViewTypeKeysOnly)
	for _, p := range []string{"a", "b", "c", "d", "e"} {
		putPK(t, c, "tbl", p, "1")
	}
	clock.set(streamT0.Add(defaultShardAge)) // an old open shard is closed by the next write
	putPK(t, c, "tbl", "f", "1")
	shards := shardsOf(t, sc, arn)
	type rng struct{ start, end, parent string }
	var got []rng
	for i, sh := range shards {
		r := rng{strings.TrimLeft(*sh.SequenceNumberRange.StartingSequenceNumber, "0"),
			strings.TrimLeft(aws.ToString(sh.SequenceNumberRange.EndingSequenceNumber), "0"), aws.ToString(sh.ParentShardId)}
		if i > 0 && r.parent != *shards[i-1].ShardId || i == 0 && r.parent != "" {
			t.Fatalf("shard %d: parent %q", i, r.parent)
		}
		r.parent = ""
		got = append(got, r)
	}
	want := []rng{{"1", "2", ""}, {"3", "4", ""}, {"5", "5", ""}, {"6", "", ""}}
	if len(got) != len(want) {
		t.Fatalf("shards %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("shards %+v, want %+v", got, want)
		}
	}
	// A closed shard read to its end gives no next iterator.
	out, err := sc.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: iterator(t, sc, arn, *shards[0].ShardId, stypes.ShardIteratorTypeTrimHorizon, "")})
	mustOK(t, err)
	if seqs(out.Records) != "1,2" || out.NextShardIterator != nil {
		t.Fatalf("closed shard: %q, next %v", seqs(out.Records), out.NextShardIterator)
	}
	if recs := readStream(t, sc, arn, 0); seqs(recs) != "1,2,3,4,5,6" {
		t.Fatalf("all shards: %q", seqs(recs))
	}
	// DescribeStream pages shards and finds a shard's children.
	page, err := sc.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn), Limit: aws.Int32(3)})
	mustOK(t, err)
	if d := page.StreamDescription; len(d.Shards) != 3 || aws.ToString(d.LastEvaluatedShardId) != *shards[2].ShardId {
		t.Fatalf("first page: %d shards, last %v", len(d.Shards), aws.ToString(d.LastEvaluatedShardId))
	}
	page, err = sc.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn), ExclusiveStartShardId: shards[2].ShardId})
	mustOK(t, err)
	if d := page.StreamDescription; len(d.Shards) != 1 || *d.Shards[0].ShardId != *shards[3].ShardId || d.LastEvaluatedShardId != nil {
		t.Fatalf("second page: %+v", d.Shards)
	}
	page, err = sc.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn),
		ShardFilter: &stypes.ShardFilter{Type: stypes.ShardFilterTypeChildShards, ShardId: shards[1].ShardId}})
	mustOK(t, err)
	if d := page.StreamDescription; len(d.Shards) != 1 || *d.Shards[0].ShardId != *shards[2].ShardId {
		t.Fatalf("children of shard 1: %+v", d.Shards)
	}
}

func TestStreamGetRecordsMegabyte(t *testing.T) {
	_, _, c, sc := streamEngine(t)
	arn := createStreamTable(t, c, "tbl", types.StreamViewTypeNewImage)
	big := strings.Repeat("x", 300<<10)
	for _, p := range []string{"a", "b", "c", "d"} {
		_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("tbl"), Item: map[string]av{"pk": str(p), "s": str(big)}})
		mustOK(t, err)
	}
	sh := *shardsOf(t, sc, arn)[0].ShardId
	out, err := sc.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: iterator(t, sc, arn, sh, stypes.ShardIteratorTypeTrimHorizon, "")})
	mustOK(t, err)
	if seqs(out.Records) != "1,2,3" {
		t.Fatalf("first page of 300 KB records: %q", seqs(out.Records))
	}
	out, err = sc.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: out.NextShardIterator})
	mustOK(t, err)
	if seqs(out.Records) != "4" {
		t.Fatalf("second page: %q", seqs(out.Records))
	}
}

func TestListStreams(t *testing.T) {
	e, clock, c, sc := streamEngine(t)
	var arns []string
	for i, name := range []string{"aaa", "bbb", "ccc"} {
		clock.set(streamT0.Add(time.Duration(i) * time.Second))
		arns = append(arns, createStreamTable(t, c, name, types.StreamViewTypeKeysOnly))
	}
	createStreamTable(t, c, "ddd", "")
	out, err := sc.ListStreams(ctx, &dynamodbstreams.ListStreamsInput{Limit: aws.Int32(2)})
	mustOK(t, err)
	if len(out.Streams) != 2 || *out.Streams[0].StreamArn != arns[2] || *out.Streams[1].StreamArn != arns[1] ||
		aws.ToString(out.LastEvaluatedStreamArn) != arns[1] {
		t.Fatalf("first page: %+v, last %v", out.Streams, aws.ToString(out.LastEvaluatedStreamArn))
	}
	out, err = sc.ListStreams(ctx, &dynamodbstreams.ListStreamsInput{ExclusiveStartStreamArn: out.LastEvaluatedStreamArn})
	mustOK(t, err)
	if len(out.Streams) != 1 || *out.Streams[0].StreamArn != arns[0] || out.LastEvaluatedStreamArn != nil {
		t.Fatalf("second page: %+v", out.Streams)
	}
	if s := out.Streams[0]; aws.ToString(s.TableName) != "aaa" || aws.ToString(s.StreamLabel) != "2026-03-01T12:00:00.250" {
		t.Fatalf("summary: %+v", s)
	}
	out, err = sc.ListStreams(ctx, &dynamodbstreams.ListStreamsInput{TableName: aws.String("bbb")})
	mustOK(t, err)
	if len(out.Streams) != 1 || *out.Streams[0].StreamArn != arns[1] {
		t.Fatalf("streams of bbb: %+v", out.Streams)
	}
	_, err = sc.ListStreams(ctx, &dynamodbstreams.ListStreamsInput{Limit: aws.Int32(101)})
	wantErr(t, err, "ValidationException", "One or more parameter values were invalid: Limit cannot be greater than the maximum allowed size: 100")
	_, err = sc.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arns[0]), Limit: aws.Int32(101)})
	wantErr(t, err, "ValidationException", "One or more parameter values were invalid: Limit cannot be greater than the maximum: 100")
	// Streams are kept by namespace, as tables are.
	other := e.StreamsClient(func(o *dynamodbstreams.Options) { o.Region = "eu-west-1" })
	out, err = other.ListStreams(ctx, &dynamodbstreams.ListStreamsInput{})
	mustOK(t, err)
	if len(out.Streams) != 0 {
		t.Fatalf("another namespace lists %+v", out.Streams)
	}
}

func TestStreamTargets(t *testing.T) {
	e := New()
	defer e.Close()
	for _, target := range []string{"DynamoDB_20120810.ListStreams", "DynamoDBStreams_20120810.PutItem", "DynamoDBStreams_20120810.Nope"} {
		status, body := post(t, e, target, []byte(`{}`))
		if status != 400 || !strings.Contains(body, "UnknownOperationException") {
			t.Errorf("%s: %d %s", target, status, body)
		}
	}
	status, body := post(t, e, "DynamoDBStreams_20120810.ListStreams", []byte(`{}`))
	if status != 200 || body != `{"Streams":[]}` {
		t.Fatalf("ListStreams: %d %s", status, body)
	}
	status, body = post(t, e, "DynamoDBStreams_20120810.DescribeStream", []byte(`{}`))
	if status != 400 || !strings.Contains(body, "Value null at 'streamArn' failed to satisfy constraint: Member must not be null") {
		t.Fatalf("DescribeStream without StreamArn: %d %s", status, body)
	}
}
