package ddbtype

import (
	"strings"

	"github.com/cockroachdb/apd/v3"
)

// CanonicalNumber validates s as a DynamoDB number and returns its canonical
// text.
func CanonicalNumber(s string) (string, error) {
	d, _, err := apd.NewFromString(s)
	if err != nil || d.Form != apd.Finite {
		return "", &ValidationError{Message: "The parameter cannot be converted to a numeric value: " + s}
	}
	d.Reduce(d)
	return strings.ToUpper(d.Text('f')), nil
}

// ValidationError is an error DynamoDB reports as ValidationException.
type ValidationError struct {
	Message string
}

func (e *ValidationError) Error() string { return e.Message }
