package local

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
)

// decodeJSON decodes a request body into v, answering malformed JSON and
// values of the wrong JSON type as DynamoDB does: with a
// SerializationException. v must point to a zero value. The body is
// decoded in one pass when it can be (decodeFast), else again by
// encoding/json.
func decodeJSON(body []byte, v any) error {
	if decodeFast(body, v) == nil {
		return nil
	}
	err := json.Unmarshal(body, v)
	if err == nil {
		return nil
	}
	var ae *apiError
	if errors.As(err, &ae) {
		return ae
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return serializationErr(typeErrorMessage(te, body))
	}
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return serializationErr("")
	}
	return toAPIError(err)
}

// typeErrorMessage words a JSON type mismatch as DynamoDB's Java
// deserializer does.
func typeErrorMessage(te *json.UnmarshalTypeError, body []byte) string {
	got := te.Value
	if i := strings.IndexByte(got, ' '); i >= 0 {
		got = got[:i] // "number 1.5"
	}
	switch got {
	case "object":
		return "Start of structure or map found where not expected"
	case "array":
		return "Unrecognized collection type " + javaType(te.Type)
	}
	target := te.Type
	for target.Kind() == reflect.Pointer {
		target = target.Elem()
	}
	switch target.Kind() {
	case reflect.Struct, reflect.Slice, reflect.Map:
		return "Unexpected field type"
	}
	return scalarToken(got, te, body) + " cannot be converted to " + javaName(target)
}

// scalarToken names the JSON scalar the decoder met, as Jackson does.
func scalarToken(got string, te *json.UnmarshalTypeError, body []byte) string {
	switch got {
	case "string":
		return "STRING_VALUE"
	case "bool":
		if te.Offset >= 4 && bytes.HasSuffix(body[:te.Offset], []byte("true")) {
			return "TRUE_VALUE"
		}
		return "FALSE_VALUE"
	}
	if _, num, ok := strings.Cut(te.Value, " "); ok && strings.ContainsAny(num, ".eE") {
		return "DECIMAL_VALUE"
	}
	return "NUMBER_VALUE"
}

// javaName is the Java class name DynamoDB would deserialize t into.
func javaName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "String"
	case reflect.Bool:
		return "Boolean"
	case reflect.Int, reflect.Int32:
		return "Integer"
	case reflect.Int64:
		return "Long"
	case reflect.Float64, reflect.Float32:
		return "Double"
	}
	return t.Name()
}

// javaType is the Java type named in "Unrecognized collection type"
// messages.
func javaType(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Map:
		return "java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>"
	case reflect.Struct:
		return "class com.amazonaws.dynamodb.v20120810." + t.Name()
	}
	return "class java.lang." + javaName(t)
}
