package conformance

import (
	"strings"
	"testing"
)

// TestNamespaces covers how tables are kept apart by the access key and
// region that requests are signed with (ddbNamespaces). DynamoDB Local
// runs it in the mode scripts/dynamodb-local.sh declares in
// DYNAMODB_LOCAL_SHARED_DB: with -sharedDb (the script's default) every
// request sees every table; with DYNAMODB_LOCAL_SHARED_DB=0 the case
// checks what DynamoDB does, as it does on the engine.
func TestNamespaces(t *testing.T) { runCases(t, namespaceCases) }

const (
	// ddbNamespaces is DynamoDB's rule: tables belong to an account and a
	// region.
	ddbNamespaces = `DynamoDB keeps tables per account and region: "Tables are unique among those associated with the AWS Account ` +
		`issuing the request, and the AWS Region that receives the request" (Developer Guide, API_DeleteTable_v20111205); ` +
		`DynamoDB Local keeps "separate files for each credential and Region" unless started with -sharedDb (Developer Guide, ` +
		`DynamoDBLocal.UsageNotes)`
	localARNRegion = `DynamoDB's ARNs carry the table's region, arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName} ` +
		`(Service Authorization Reference, Amazon DynamoDB resource types); DynamoDB Local's read arn:aws:dynamodb:ddblocal:000000000000:table/NAME (observed)`
)

var namespaceCases = []Case{
	{Name: "tables are kept by access key and region", Table: hashS, Steps: []Step{put(kA)}, Run: func(e *Env) {
		if e.B.SharedDB == nil {
			e.T.Log("DYNAMODB_LOCAL_SHARED_DB is not set: the mode of DynamoDB Local is unknown, so the case checks nothing")
			return
		}
		e.otherScopesSee(*e.B.SharedDB)
		e.sameNameInAnotherRegion(*e.B.SharedDB)
	}},
}

// otherScopes are credential scopes other than the suite's own.
var otherScopes = []Raw{{Region: "us-east-2"}, {Key: "anotherKey2"}}

// otherScopesSee checks that requests signed with another region or
// another access key see "$T" only when the backend is shared.
func (e *Env) otherScopesSee(shared bool) {
	want := Expect{Err: "ResourceNotFoundException"}
	if shared {
		want = Expect{Status: 200, Want: `{"Table":{"TableName":"$T"}}`}
	}
	for _, scope := range otherScopes {
		r := scope
		r.Target, r.Body = target("DescribeTable"), `{"TableName":"$T"}`
		key, region := r.scope()
		e.check("DescribeTable as "+key+" in "+region, e.raw(&r), want)
	}
}

// tableSpec is "$T" with a string hash key pk, as CreateTable takes it.
const tableSpec = `{"TableName":"$T","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],` +
	`"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}`

// sameNameInAnotherRegion checks that CreateTable of "$T" in us-east-2
// makes another table, whose ARN carries its region, unless the backend
// is shared; then "$T" exists already.
func (e *Env) sameNameInAnotherRegion(shared bool) {
	inOhio := func(op, body string) outcome {
		return e.raw(&Raw{Target: target(op), Body: body, Region: "us-east-2"})
	}
	o := inOhio("CreateTable", tableSpec)
	if shared {
		e.check("CreateTable in us-east-2", o, Expect{Err: "ResourceInUseException"})
		return
	}
	e.check("CreateTable in us-east-2", o, Expect{Status: 200})
	defer func() {
		e.check("DeleteTable in us-east-2", inOhio("DeleteTable", `{"TableName":"$T"}`), Expect{Status: 200})
	}()
	if !e.B.IsLocal() && !strings.Contains(string(o.raw), `"TableArn":"arn:aws:dynamodb:us-east-2:`) {
		e.Errorf("CreateTable in us-east-2: %s, want its ARN in us-east-2 (%s)", o.raw, localARNRegion)
	}
	e.check("GetItem in us-east-2", inOhio("GetItem", `{"TableName":"$T","Key":{"pk":{"S":"a"}}}`), Expect{Status: 200, Want: `{"Item":null}`})
}
