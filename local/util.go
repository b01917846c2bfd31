package local

import "strconv"

// itoa formats an int.
func itoa(i int) string { return strconv.Itoa(i) }
