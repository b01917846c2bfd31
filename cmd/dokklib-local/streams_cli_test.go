package main

// The AWS CLI's dynamodbstreams commands against the built server:
// list-streams, describe-stream, get-shard-iterator and get-records on a
// table whose stream records a put, an update and a delete.

import (
	"encoding/json"
	"regexp"
	"testing"
)

// streams runs `aws dynamodbstreams ARGS...` and returns its output,
// parsed as JSON.
func (c awsCLI) streams(args ...string) map[string]any {
	c.t.Helper()
	args = append(append([]string{"dynamodbstreams"}, args...), "--endpoint-url", c.endpoint, "--region", "us-east-1", "--output", "json")
	stdout, stderr, err := command(c.t, toolTimeout, c.env, c.path, args...)
	if err != nil {
		c.t.Fatalf("aws dynamodbstreams %s: %v\nstderr:\n%s", args[1], err, stderr)
	}
	var out map[string]any
	if err := json.Unmarshal(stdout, &out); err != nil {
		c.t.Fatalf("aws dynamodbstreams %s: output is not a JSON object: %v\n%s", args[1], err, stdout)
	}
	return out
}

func TestStreamsCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("the AWS CLI takes seconds; skipped with -short")
	}
	env := clientEnv(t)
	aws := findTool(t, env, "the AWS CLI", []string{"--version"}, "/usr/bin/aws", "aws")
	cli := awsCLI{t: t, path: aws, endpoint: startServer(t, buildServer(t)), env: env}
	created := cli.run("create-table", "--table-name", "Music", "--billing-mode", "PAY_PER_REQUEST",
		"--attribute-definitions", "AttributeName=Artist,AttributeType=S", "--key-schema", "AttributeName=Artist,KeyType=HASH",
		"--stream-specification", "StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES")
	arn, _ := lookup(created, "TableDescription.LatestStreamArn")
	arnPattern := regexp.MustCompile(`^arn:aws:dynamodb:us-east-1:\d{12}:table/Music/stream/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$`)
	if s, _ := arn.(string); !arnPattern.MatchString(s) {
		t.Fatalf("create-table: LatestStreamArn %v", arn)
	}
	cli.exec("put-item", "--table-name", "Music", "--item", `{"Artist":{"S":"Bach"},"Born":{"N":"1685"}}`)
	cli.exec("update-item", "--table-name", "Music", "--key", `{"Artist":{"S":"Bach"}}`,
		"--update-expression", "SET Died = :d", "--expression-attribute-values", `{":d":{"N":"1750"}}`)
	cli.exec("delete-item", "--table-name", "Music", "--key", `{"Artist":{"S":"Bach"}}`)

	wantPaths(t, "list-streams", cli.streams("list-streams", "--table-name", "Music"),
		map[string]any{"Streams.0.StreamArn": arn, "Streams.0.TableName": "Music"})
	described := cli.streams("describe-stream", "--stream-arn", arn.(string))
	wantPaths(t, "describe-stream", described, map[string]any{"StreamDescription.StreamStatus": "ENABLED",
		"StreamDescription.StreamViewType": "NEW_AND_OLD_IMAGES", "StreamDescription.KeySchema.0.AttributeName": "Artist",
		"StreamDescription.Shards.0.SequenceNumberRange.StartingSequenceNumber": "000000000000000000001"})
	shard, _ := lookup(described, "StreamDescription.Shards.0.ShardId")
	it, _ := lookup(cli.streams("get-shard-iterator", "--stream-arn", arn.(string), "--shard-id", shard.(string),
		"--shard-iterator-type", "TRIM_HORIZON"), "ShardIterator")
	records := cli.streams("get-records", "--shard-iterator", it.(string))
	wantPaths(t, "get-records", records, map[string]any{
		"Records.0.eventName": "INSERT", "Records.0.eventSource": "aws:dynamodb", "Records.0.dynamodb.NewImage.Born.N": "1685",
		"Records.1.eventName": "MODIFY", "Records.1.dynamodb.OldImage.Born.N": "1685", "Records.1.dynamodb.NewImage.Died.N": "1750",
		"Records.2.eventName": "REMOVE", "Records.2.dynamodb.Keys.Artist.S": "Bach",
		"Records.2.dynamodb.SequenceNumber": "000000000000000000003"})
	if next, ok := lookup(records, "NextShardIterator"); !ok || next == "" {
		t.Fatalf("get-records of an open shard: no NextShardIterator")
	}
	// Records resume after a sequence number.
	it, _ = lookup(cli.streams("get-shard-iterator", "--stream-arn", arn.(string), "--shard-id", shard.(string),
		"--shard-iterator-type", "AFTER_SEQUENCE_NUMBER", "--sequence-number", "000000000000000000002"), "ShardIterator")
	wantPaths(t, "get-records after 2", cli.streams("get-records", "--shard-iterator", it.(string), "--limit", "5"),
		map[string]any{"Records.0.eventName": "REMOVE"})
}
