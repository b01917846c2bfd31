package expr

import (
	"sort"
	"strings"
)

// isReserved reports whether name, compared without regard to case, is one
// of DynamoDB's reserved words.
func isReserved(name string) bool {
	upper := strings.ToUpper(name)
	i := sort.SearchStrings(reservedWords[:], upper)
	return i < len(reservedWords) && reservedWords[i] == upper
}

// IsReserved reports whether name is a DynamoDB reserved word, which an
// expression must refer to through an expression attribute name (#n)
// rather than write bare. The comparison ignores case.
func IsReserved(name string) bool { return isReserved(name) }
