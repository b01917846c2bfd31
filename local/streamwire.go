package local

import (
	"strconv"
	"unicode/utf8"
)

// JSON shapes of DynamoDB Streams' requests and responses, named as in
// its API reference, and the checks of their members' constraints.

type listStreamsInput struct {
	TableName               *string `json:"TableName"`
	Limit                   *int32  `json:"Limit"`
	ExclusiveStartStreamArn *string `json:"ExclusiveStartStreamArn"`
}

type streamSummary struct {
	StreamArn   string `json:"StreamArn"`
	TableName   string `json:"TableName"`
	StreamLabel string `json:"StreamLabel"`
}

type listStreamsOutput struct {
	Streams                []streamSummary `json:"Streams"`
	LastEvaluatedStreamArn string          `json:"LastEvaluatedStreamArn,omitempty"`
}

type shardFilter struct {
	Type    *string `json:"Type"`
	ShardID *string `json:"ShardId"`
}

type describeStreamInput struct {
	StreamArn             *string      `json:"StreamArn"`
	Limit                 *int32       `json:"Limit"`
	ExclusiveStartShardID *string      `json:"ExclusiveStartShardId"`
	ShardFilter           *shardFilter `json:"ShardFilter"`
}

type sequenceNumberRange struct {
	StartingSequenceNumber string `json:"StartingSequenceNumber"`
	EndingSequenceNumber   string `json:"EndingSequenceNumber,omitempty"`
}

type shardJSON struct {
	ShardID             string              `json:"ShardId"`
	SequenceNumberRange sequenceNumberRange `json:"SequenceNumberRange"`
	ParentShardID       string              `json:"ParentShardId,omitempty"`
}

type streamDescription struct {
	StreamArn               string             `json:"StreamArn"`
	StreamLabel             string             `json:"StreamLabel"`
	StreamStatus            string             `json:"StreamStatus"`
	StreamViewType          string             `json:"StreamViewType"`
	CreationRequestDateTime float64            `json:"CreationRequestDateTime"`
	TableName               string             `json:"TableName"`
	KeySchema               []keySchemaElement `json:"KeySchema"`
	Shards                  []shardJSON        `json:"Shards"`
	LastEvaluatedShardID    string             `json:"LastEvaluatedShardId,omitempty"`
}

type describeStreamOutput struct {
	StreamDescription streamDescription `json:"StreamDescription"`
}

type getShardIteratorInput struct {
	StreamArn         *string `json:"StreamArn"`
	ShardID           *string `json:"ShardId"`
	ShardIteratorType *string `json:"ShardIteratorType"`
	SequenceNumber    *string `json:"SequenceNumber"`
}

type getShardIteratorOutput struct {
	ShardIterator string `json:"ShardIterator"`
}

type getRecordsInput struct {
	ShardIterator *string `json:"ShardIterator"`
	Limit         *int32  `json:"Limit"`
}

// Shard iterator types.
const (
	iterTrimHorizon = "TRIM_HORIZON"
	iterLatest      = "LATEST"
	iterAt          = "AT_SEQUENCE_NUMBER"
	iterAfter       = "AFTER_SEQUENCE_NUMBER"
)

// Length constraints of DynamoDB Streams' members (API reference, data
// types StreamArn, ShardId, SequenceNumber, ShardIterator).
const (
	minStreamARN, maxStreamARN         = 37, 1024
	minShardID, maxShardID             = 28, 65
	minSeqNumber, maxSeqNumber         = 21, 40
	minShardIterator, maxShardIterator = 1, 2048
)

// length records a string whose length in characters is out of [lo, hi].
func (v *violations) length(s *string, lo, hi int, path string) {
	if s == nil {
		return
	}
	switch n := utf8.RuneCountInString(*s); {
	case n < lo:
		v.add(quote(*s), path, "Member must have length greater than or equal to "+strconv.Itoa(lo))
	case n > hi:
		v.add(quote(*s), path, "Member must have length less than or equal to "+strconv.Itoa(hi))
	}
}

// check applies ListStreams' constraints.
func (in *listStreamsInput) check() error {
	var v violations
	v.name(in.TableName, "tableName")
	v.minInt(widen(in.Limit), 1, "limit")
	v.length(in.ExclusiveStartStreamArn, minStreamARN, maxStreamARN, "exclusiveStartStreamArn")
	if err := v.err(); err != nil {
		return err
	}
	if in.Limit != nil && *in.Limit > 100 {
		// DynamoDB Local's message; the API reference gives the maximum.
		return invalidParam("Limit cannot be greater than the maximum allowed size: 100")
	}
	return nil
}

// check applies DescribeStream's constraints.
func (in *describeStreamInput) check() error {
	var v violations
	v.notNull(in.StreamArn != nil, "streamArn")
	v.length(in.StreamArn, minStreamARN, maxStreamARN, "streamArn")
	v.minInt(widen(in.Limit), 1, "limit")
	v.length(in.ExclusiveStartShardID, minShardID, maxShardID, "exclusiveStartShardId")
	if f := in.ShardFilter; f != nil {
		v.enum(f.Type, "shardFilter.type", "CHILD_SHARDS")
		v.length(f.ShardID, minShardID, maxShardID, "shardFilter.shardId")
	}
	if err := v.err(); err != nil {
		return err
	}
	if in.Limit != nil && *in.Limit > 100 {
		return invalidParam("Limit cannot be greater than the maximum: 100") // DynamoDB Local's message
	}
	return nil
}

// check applies GetShardIterator's constraints.
func (in *getShardIteratorInput) check() error {
	var v violations
	v.notNull(in.StreamArn != nil, "streamArn")
	v.length(in.StreamArn, minStreamARN, maxStreamARN, "streamArn")
	v.notNull(in.ShardID != nil, "shardId")
	v.length(in.ShardID, minShardID, maxShardID, "shardId")
	v.notNull(in.ShardIteratorType != nil, "shardIteratorType")
	v.enum(in.ShardIteratorType, "shardIteratorType", iterTrimHorizon, iterLatest, iterAt, iterAfter)
	v.length(in.SequenceNumber, minSeqNumber, maxSeqNumber, "sequenceNumber")
	if err := v.err(); err != nil {
		return err
	}
	withSeq := *in.ShardIteratorType == iterAt || *in.ShardIteratorType == iterAfter
	switch {
	case withSeq && in.SequenceNumber == nil:
		return invalidParam("Invalid SequenceNumber")
	case !withSeq && in.SequenceNumber != nil:
		return invalidParam("SequenceNumber should not be passed for this iterator type")
	}
	return nil
}

// check applies GetRecords' constraints.
func (in *getRecordsInput) check() error {
	var v violations
	v.notNull(in.ShardIterator != nil, "shardIterator")
	v.length(in.ShardIterator, minShardIterator, maxShardIterator, "shardIterator")
	v.minInt(widen(in.Limit), 1, "limit")
	v.maxInt(widen(in.Limit), maxGetRecords, "limit")
	return v.err()
}
