package conformance

import (
	"hash/crc32"
	"strconv"
	"testing"
)

// TestProtocol covers DynamoDB's JSON 1.0 protocol with requests sent
// without the SDK: malformed JSON, wrong JSON types, unknown or missing
// X-Amz-Target, compressed bodies and the CRC32 header. Answers are
// DynamoDB's as recorded by dynalite's test/connection.js and
// test/helpers.js (assertType), moto's tests and ExtendDB's raw HTTP tests
// (github.com/ExtendDB/extenddb tests/rust/src/raw_http.rs).
func TestProtocol(t *testing.T) { runCases(t, protocolCases) }

// target is the X-Amz-Target of operation op.
func target(op string) string { return "DynamoDB_20120810." + op }

// serialization is a raw request that DynamoDB answers with a 400
// SerializationException and message msg ("" leaves it unchecked).
func serialization(op, body, msg string) Step {
	return Step{Raw: &Raw{Target: target(op), Body: body}, Status: 400, Err: "SerializationException", Msg: msg}
}

// unknownOp is a raw request that DynamoDB answers with a 400
// UnknownOperationException.
func unknownOp(target string) Step {
	return Step{Raw: &Raw{Target: target, Body: "{}"}, Status: 400, Err: "UnknownOperationException"}
}

// localFailure is what DynamoDB Local answers to requests it cannot
// parse: a 500 InternalFailure.
var localFailure = &Expect{Status: 500, Err: "InternalFailure"}

// differs marks s as answered differently by DynamoDB Local, which gets
// local right.
func differs(s Step, reason string, local *Expect) Step {
	s.LocalDiffers, s.Local = reason, local
	return s
}

var protocolCases = []Case{
	{Name: "malformed JSON", Steps: []Step{
		differs(serialization("GetItem", "{invalid json!!!", ""), localMalformed, localFailure),
		differs(serialization("ListTables", "", ""), localMalformed, localFailure),
	}},
	{Name: "JSON of the wrong type", Steps: []Step{
		differs(serialization("DescribeTable", `{"TableName":5}`, "NUMBER_VALUE cannot be converted to String"),
			localCoerces, &Expect{Err: "ValidationException"}),
		differs(serialization("DescribeTable", `{"TableName":true}`, "TRUE_VALUE cannot be converted to String"),
			localCoerces, &Expect{Err: "ResourceNotFoundException"}),
		differs(serialization("DescribeTable", `{"TableName":{}}`, "Start of structure or map found where not expected"),
			localMalformed, localFailure),
		differs(serialization("ListTables", `{"Limit":"5"}`, "STRING_VALUE cannot be converted to Integer"),
			localCoerces, &Expect{Status: 200}),
	}},
	{Name: "attribute values of the wrong type", Table: hashS, Steps: []Step{
		differs(serialization("PutItem", `{"TableName":"$T","Item":{"pk":{"S":5}}}`, "NUMBER_VALUE cannot be converted to String"),
			localCoerces, nil),
		differs(serialization("PutItem", `{"TableName":"$T","Item":{"pk":{"S":{"S":"a"}}}}`, "Start of structure or map found where not expected"),
			localMalformed, localFailure),
		{Raw: &Raw{Target: target("GetItem"), Body: `{"TableName":"$T","Key":{"pk":{"S":"5"}}}`}, Status: 200, Want: `{"Item":null}`,
			LocalDiffers: localCoerces},
	}},
	// Sources disagree on the message: "The parameter 'TableName' is
	// required but was not present in the request" (dynalite's
	// test/describeTable.js) or "1 validation error detected: Value null at
	// 'tableName' failed to satisfy constraint: Member must not be null"
	// (ExtendDB's crates/core/src/error/messages.rs). Only the type is sure.
	{Name: "missing required parameter", Steps: []Step{
		{Raw: &Raw{Target: target("DescribeTable"), Body: `{}`}, Status: 400, Err: "ValidationException"},
	}},
	{Name: "unknown X-Amz-Target operation", Steps: []Step{
		unknownOp(target("FakeOperation")),
		unknownOp(target("ListTable")),
	}},
	{Name: "missing or foreign X-Amz-Target", Steps: []Step{
		differs(unknownOp(""), localNoTarget, localFailure),
		differs(unknownOp("whatever"), localNoTarget, localFailure),
	}},
	{Name: "gzip-compressed request body", Table: hashS, Steps: []Step{
		{Raw: &Raw{Target: target("DescribeTable"), Body: `{"TableName":"$T"}`, Gzip: true}, Status: 200,
			Want: `{"Table":{"TableName":"$T"}}`, LocalDiffers: localGzip, Local: localFailure},
		{Raw: &Raw{Target: target("PutItem"), Body: `{"TableName":"$T","Item":{"pk":{"S":"gz"}}}`, Gzip: true}, Status: 200,
			Want: `{}`, LocalDiffers: localGzip, Local: localFailure},
	}},
	{Name: "plain request and X-Amz-Crc32", Table: hashS, Steps: []Step{
		{Raw: &Raw{Target: target("PutItem"), Body: `{"TableName":"$T","Item":{"pk":{"S":"a"},"n":{"N":"1"}}}`}, Status: 200, Want: `{}`},
		{Raw: &Raw{Target: target("GetItem"), Body: `{"TableName":"$T","Key":{"pk":{"S":"a"}}}`}, Status: 200,
			Want: `{"Item":{"pk":{"S":"a"},"n":{"N":"1"}}}`},
	}, Run: func(e *Env) { e.checkCRC(`{"TableName":"$T","Key":{"pk":{"S":"a"}}}`) }},
	{Name: "X-Amz-Crc32 on errors", Table: hashS, LocalDiffers: localErrorCRC,
		Run: func(e *Env) { e.checkCRC(`{"TableName":"$T","Key":{}}`) }},
}

// checkCRC sends a raw GetItem with body and checks the response's
// X-Amz-Crc32 and Content-Type headers.
func (e *Env) checkCRC(body string) {
	o := e.raw(&Raw{Target: target("GetItem"), Body: body})
	got := o.header.Get("X-Amz-Crc32")
	if want := strconv.FormatUint(uint64(crc32.ChecksumIEEE(o.raw)), 10); got != want {
		e.Errorf("X-Amz-Crc32 of %s: %q, want %s", o.describe(), got, want)
	}
	if ct := o.header.Get("Content-Type"); ct != "application/x-amz-json-1.0" {
		e.Errorf("Content-Type of %s: %q, want application/x-amz-json-1.0", o.describe(), ct)
	}
}
