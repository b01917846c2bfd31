package local

import (
	"strconv"
	"strings"
)

// violations collects constraint violations the way DynamoDB's request
// validation reports them: "2 validation errors detected: Value 'x' at
// 'tableName' failed to satisfy constraint: ...; ...". DynamoDB reports at
// most ten.
type violations struct {
	list []string
}

const maxViolations = 10

// add records that value (already formatted by quoteValue) at path breaks
// constraint.
func (v *violations) add(value, path, constraint string) {
	if len(v.list) < maxViolations {
		v.list = append(v.list, "Value "+value+" at '"+path+"' failed to satisfy constraint: "+constraint)
	}
}

// err returns the ValidationException for the collected violations, or nil.
func (v *violations) err() error {
	if len(v.list) == 0 {
		return nil
	}
	s := "s"
	if len(v.list) == 1 {
		s = ""
	}
	return validationErr(strconv.Itoa(len(v.list)) + " validation error" + s + " detected: " + strings.Join(v.list, "; "))
}

// notNull records a missing member.
func (v *violations) notNull(present bool, path string) {
	if !present {
		v.add("null", path, "Member must not be null")
	}
}

// enum records a string outside its allowed set.
func (v *violations) enum(s *string, path string, allowed ...string) {
	if s == nil {
		return
	}
	for _, a := range allowed {
		if *s == a {
			return
		}
	}
	v.add(quote(*s), path, "Member must satisfy enum value set: ["+strings.Join(allowed, ", ")+"]")
}

// name records a table or index name that breaks DynamoDB's name rules:
// [a-zA-Z0-9_.-]+ of 3 to 255 characters.
func (v *violations) name(s *string, path string) {
	if s == nil {
		return
	}
	if !validNameChars(*s) {
		v.add(quote(*s), path, "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")
	}
	if len(*s) < 3 {
		v.add(quote(*s), path, "Member must have length greater than or equal to 3")
	}
	if len(*s) > 255 {
		v.add(quote(*s), path, "Member must have length less than or equal to 255")
	}
}

// minInt records a number below its minimum.
func (v *violations) minInt(n *int64, min int64, path string) {
	if n != nil && *n < min {
		v.add(quote(strconv.FormatInt(*n, 10)), path, "Member must have value greater than or equal to "+strconv.FormatInt(min, 10))
	}
}

// widen returns an Integer member as the Long the checks take.
func widen(n *int32) *int64 {
	if n == nil {
		return nil
	}
	return ptr(int64(*n))
}

// maxInt records a number above its maximum.
func (v *violations) maxInt(n *int64, max int64, path string) {
	if n != nil && *n > max {
		v.add(quote(strconv.FormatInt(*n, 10)), path, "Member must have value less than or equal to "+strconv.FormatInt(max, 10))
	}
}

// memberPath returns the path of the i-th member (from 0) of the list at
// path, ending in a dot for the member's own members: DynamoDB's messages
// number list members from 1, in request order ("transactItems.3.member.").
func memberPath(list string, i int) string {
	return list + "." + strconv.Itoa(i+1) + ".member."
}

// quote formats a value for a violation message.
func quote(s string) string { return "'" + s + "'" }

// validNameChars reports whether s is made of [a-zA-Z0-9_.-] only.
func validNameChars(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-'
		if !ok {
			return false
		}
	}
	return true
}

// requireTableName checks the TableName parameter of an operation the way
// DynamoDB does before anything else: present, then 3 to 255 long, then
// the pattern.
func requireTableName(name *string) error {
	if name == nil {
		return validationErr("The parameter 'TableName' is required but was not present in the request")
	}
	if len(*name) < 3 || len(*name) > 255 {
		return validationErr("TableName must be at least 3 characters long and at most 255 characters long")
	}
	var v violations
	v.name(name, "tableName")
	return v.err()
}
