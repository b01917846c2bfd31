package expr

import (
	"strconv"
	"strings"

	"github.com/dokklib/db/internal/ddbtype"
)

// CheckUnused returns DynamoDB's error if names or values hold a key that
// none of exprs uses: "Value provided in ExpressionAttributeNames unused in
// expressions: keys: {#a, #b}" (names are checked before values). exprs are
// the request's successfully parsed expressions; nil entries are skipped.
// The keys are listed in the order DynamoDB's Java HashSet iterates them.
func CheckUnused(names map[string]string, values map[string]ddbtype.Value, exprs ...Expression) error {
	if msg := unusedMessage("ExpressionAttributeNames", sortedKeys(names), exprs, Expression.NamesUsed); msg != "" {
		return &Error{Message: msg}
	}
	if msg := unusedMessage("ExpressionAttributeValues", sortedKeys(values), exprs, Expression.ValuesUsed); msg != "" {
		return &Error{Message: msg}
	}
	return nil
}

func unusedMessage(param string, keys []string, exprs []Expression, used func(Expression) []string) string {
	seen := map[string]bool{}
	for _, e := range exprs {
		if e == nil {
			continue
		}
		for _, k := range used(e) {
			seen[k] = true
		}
	}
	var unused []string
	for _, k := range keys {
		if !seen[k] {
			unused = append(unused, k)
		}
	}
	if len(unused) == 0 {
		return ""
	}
	unused = javaHashSetOrder(unused, len(keys))
	return "Value provided in " + param + " unused in expressions: keys: {" + strings.Join(unused, ", ") + "}"
}

// CheckNames applies DynamoDB's checks to a non-nil ExpressionAttributeNames
// map: it must not be empty, every key must be '#' followed by letters,
// digits or underscores (at most 255 bytes), and no name may be empty.
func CheckNames(names map[string]string) error {
	keys := sortedKeys(names)
	if err := checkKeys("ExpressionAttributeNames", keys, tName, true); err != nil {
		return err
	}
	for _, k := range keys {
		if names[k] == "" {
			return &Error{Message: "ExpressionAttributeNames contains invalid value: Empty attribute name for key " + k}
		}
	}
	return nil
}

// CheckValues applies DynamoDB's checks to the keys of a non-nil
// ExpressionAttributeValues map: it must not be empty, and every key must
// be ':' followed by letters, digits or underscores (at most 255 bytes).
// The values themselves are ddbtype's to validate.
func CheckValues(values map[string]ddbtype.Value) error {
	return checkKeys("ExpressionAttributeValues", sortedKeys(values), tValue, false)
}

// maxKeyLength is the longest placeholder DynamoDB accepts, in bytes.
const maxKeyLength = 255

func checkKeys(param string, keys []string, want tokKind, sizeDetail bool) error {
	if len(keys) == 0 {
		return &Error{Message: param + " must not be empty"}
	}
	for _, k := range keys {
		if msg := keyProblem(k, want, sizeDetail); msg != "" {
			return &Error{Message: param + " contains invalid key: " + msg}
		}
	}
	return nil
}

// keyProblem returns what is wrong with placeholder key k, if anything.
// DynamoDB names the size of a too long key for names only.
func keyProblem(k string, want tokKind, sizeDetail bool) string {
	switch {
	case k == "":
		return detail("The expression attribute map contains an empty key")
	case len(k) > maxKeyLength && sizeDetail:
		return detail("The expression attribute map contains a key that is too long", "size of key", strconv.Itoa(stringLength(k)))
	case len(k) > maxKeyLength:
		return detail("The expression attribute map contains a key that is too long")
	}
	toks := lex(k)
	if len(toks) != 2 || toks[0].kind != want || toks[0].start != 0 {
		return detail("Syntax error", "key", `"`+k+`"`)
	}
	return ""
}
