package conformance

import (
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestSetOrder covers the order of the elements of sets in answers.
// DynamoDB keeps none ("The order of the values within a set is not
// preserved", Developer Guide, HowItWorks.NamingRulesDataTypes); DynamoDB
// Local returns them sorted, and tests written against it depend on that:
// strings by UTF-16 code units, numbers by value, binaries by signed
// bytes (observed). Both backends are held to that order.
func TestSetOrder(t *testing.T) { runCases(t, setOrderCases) }

// DynamoDB Local orders a set that UpdateItem's ADD makes by UTF-8 bytes,
// not UTF-16 units: after ADD, U+FFFD comes before U+1F600 (observed).
// The engine keeps one order; the ADD case leaves such strings out.
var setOrderCases = []Case{
	{Name: "sets come back sorted", Table: hashS, Steps: []Step{
		put(Item{"pk": S("a"), "ss": SS("\uFFFD", "\U0001F600", "b", "a", "Z", "é"),
			"ns": NS("10", "9", "-1", "1.5", "-20", "0.001", "1e3", "100"),
			"bs": BS([]byte{0x00, 0xFF}, []byte{0x00, 0x10}, []byte{0x80}, []byte{0x7F})}),
	}, Run: func(e *Env) {
		e.wantSetOrder("GetItem", e.getItem(kA), map[string]any{
			"ss": []string{"Z", "a", "b", "é", "\U0001F600", "\uFFFD"},
			"ns": []string{"-20", "-1", "0.001", "1.5", "9", "10", "100", "1000"},
			"bs": [][]byte{{0x80}, {0x00, 0xFF}, {0x00, 0x10}, {0x7F}},
		})
	}},
	{Name: "ADD keeps sets sorted", Table: hashS, Steps: []Step{
		put(Item{"pk": S("a"), "ss": SS("b", "a", "Z", "é"), "ns": NS("10", "9", "-1")}),
	}, Run: func(e *Env) {
		o := e.Call(&dynamodb.UpdateItemInput{Key: kA, UpdateExpression: str("ADD ss :s, ns :n"), ReturnValues: types.ReturnValueAllNew,
			ExpressionAttributeValues: Item{":s": SS("0", "zz", "B"), ":n": NS("5", "-5", "1000000")}})
		out, _ := o.out.(*dynamodb.UpdateItemOutput)
		if out == nil {
			e.Fatalf("UpdateItem: %s", o.describe())
		}
		want := map[string]any{
			"ss": []string{"0", "B", "Z", "a", "b", "zz", "é"},
			"ns": []string{"-5", "-1", "5", "9", "10", "1000000"},
		}
		e.wantSetOrder("UpdateItem ADD", out.Attributes, want)
		e.wantSetOrder("GetItem after ADD", e.getItem(kA), want)
	}},
}

// getItem returns the item with key k, read consistently.
func (e *Env) getItem(k Item) Item {
	o := e.Call(&dynamodb.GetItemInput{Key: k, ConsistentRead: yes})
	out, _ := o.out.(*dynamodb.GetItemOutput)
	if out == nil {
		e.Fatalf("GetItem: %s", o.describe())
	}
	return out.Item
}

// wantSetOrder checks the order of the elements of item's sets.
func (e *Env) wantSetOrder(where string, item Item, want map[string]any) {
	for name, w := range want {
		var got any
		switch v := item[name].(type) {
		case *types.AttributeValueMemberSS:
			got = v.Value
		case *types.AttributeValueMemberNS:
			got = v.Value
		case *types.AttributeValueMemberBS:
			got = v.Value
		}
		ok := false
		switch w := w.(type) {
		case []string:
			g, _ := got.([]string)
			ok = slices.Equal(g, w)
		case [][]byte:
			g, _ := got.([][]byte)
			ok = slices.EqualFunc(g, w, slices.Equal)
		}
		if !ok {
			e.Errorf("%s: %s is %q, want %q", where, name, got, w)
		}
	}
}
