package db

import (
	"fmt"
	"reflect"
	"strings"
	"unicode"
)

// Namer is implemented by entity types that choose their own name.
// Without it, an entity's name is its Go type name in upper case.
type Namer interface {
	EntityName() string
}

// EntityName returns the name of entity E: what E's EntityName method returns,
// or else E's type name in upper case. The name is the prefix of E's keys, as
// "USER" in "USER#alice". It fails when the name is empty, has white space or
// control characters, or contains '#'.
func EntityName[E any]() (string, error) {
	name, named := entityName[E]()
	if name == "" && named {
		return "", fmt.Errorf("%w: entity %s: its EntityName method returned an empty name", ErrInvalidKey, reflect.TypeFor[E]())
	}
	if err := validateEntityName(name); err != nil {
		return "", fmt.Errorf("%w: entity %s: %s", ErrInvalidKey, reflect.TypeFor[E](), err)
	}
	return name, nil
}

// entityName returns E's name, and whether E's EntityName method gave it.
func entityName[E any]() (string, bool) {
	var e E
	if n, ok := any(e).(Namer); ok {
		return n.EntityName(), true
	}
	if n, ok := any(&e).(Namer); ok {
		return n.EntityName(), true
	}
	return strings.ToUpper(reflect.TypeFor[E]().Name()), false
}

func validateEntityName(name string) error {
	if name == "" {
		return errorString("the type has no name: use a named type or implement Namer")
	}
	for _, r := range name {
		switch {
		case r == '#':
			return fmt.Errorf("the name %q contains '#'", name)
		case unicode.IsSpace(r) || unicode.IsControl(r):
			return fmt.Errorf("the name %q contains white space or a control character", name)
		}
	}
	return nil
}

// errorString is an error with a fixed message.
type errorString string

func (e errorString) Error() string { return string(e) }
