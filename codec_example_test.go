package db_test

import (
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dokklib/db"
)

func ExampleMarshalItem() {
	type Profile struct {
		Name   string
		Email  string   `dynamodbav:"email,omitempty"`
		Groups []string `dynamodbav:",stringset"`
		Joined time.Time
		Age    int
	}
	item, err := db.MarshalItem(Profile{
		Name:   "alice",
		Groups: []string{"admins"},
		Joined: time.Date(2024, 5, 17, 10, 0, 0, 0, time.UTC),
		Age:    30,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, name := range slices.Sorted(maps.Keys(item)) {
		fmt.Printf("%s: %T\n", name, item[name])
	}
	fmt.Println(item["Joined"].(*types.AttributeValueMemberS).Value)
	// Output:
	// Age: *types.AttributeValueMemberN
	// Groups: *types.AttributeValueMemberSS
	// Joined: *types.AttributeValueMemberS
	// Name: *types.AttributeValueMemberS
	// 2024-05-17T10:00:00Z
}

func ExampleUnmarshalItem() {
	type Profile struct {
		Name string
		Age  int `dynamodbav:"age"`
		Tags []string
	}
	item := map[string]types.AttributeValue{
		"Name": &types.AttributeValueMemberS{Value: "alice"},
		"age":  &types.AttributeValueMemberN{Value: "30"},
		"Tags": &types.AttributeValueMemberSS{Value: []string{"a", "b"}},
	}
	var p Profile
	if err := db.UnmarshalItem(item, &p); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%+v\n", p)
	// Output:
	// {Name:alice Age:30 Tags:[a b]}
}

func ExampleMarshal() {
	for _, v := range []any{db.Number("12345678901234567890.123456789"), db.StringSet{"a", "b"}, []byte("hi"), nil} {
		av, err := db.Marshal(v)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%T %v\n", av, reflectValue(av))
	}
	// Output:
	// *types.AttributeValueMemberN 12345678901234567890.123456789
	// *types.AttributeValueMemberSS [a b]
	// *types.AttributeValueMemberB [104 105]
	// *types.AttributeValueMemberNULL true
}

// reflectValue returns the Value field of an attribute value.
func reflectValue(av types.AttributeValue) any {
	switch av := av.(type) {
	case *types.AttributeValueMemberN:
		return av.Value
	case *types.AttributeValueMemberSS:
		return av.Value
	case *types.AttributeValueMemberB:
		return av.Value
	case *types.AttributeValueMemberNULL:
		return av.Value
	}
	return nil
}

func ExampleUnmarshal() {
	// Into an interface, values come as Table's reads give them.
	var v any
	av := &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{
		"n":  &types.AttributeValueMemberN{Value: "12345678901234567890.5"},
		"ss": &types.AttributeValueMemberSS{Value: []string{"x"}},
	}}
	if err := db.Unmarshal(av, &v); err != nil {
		fmt.Println(err)
		return
	}
	m := v.(map[string]any)
	fmt.Printf("%T %v\n", m["n"], m["n"])
	fmt.Printf("%T %v\n", m["ss"], m["ss"])

	// Into a typed value, as the SDK's attributevalue package does.
	var when time.Time
	if err := db.Unmarshal(&types.AttributeValueMemberS{Value: "2024-05-17T10:00:00Z"}, &when); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(when)
	// Output:
	// db.Number 12345678901234567890.5
	// db.StringSet [x]
	// 2024-05-17 10:00:00 +0000 UTC
}
