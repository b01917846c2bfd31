package main

import (
	"context"
	"os"
)

// Example runs the program and checks what it prints: each change once,
// in order, and no record for the write that changed nothing.
func Example() {
	if err := run(context.Background(), os.Stdout); err != nil {
		os.Stdout.WriteString(err.Error())
	}
	// Output:
	// o1 placed
	// o2 placed
	// o3 placed
	// o1 placed -> paid
	// o2 placed -> paid
	// o1 paid -> shipped
	// o3 cancelled (was placed)
	// orders by status: paid=1 shipped=1
}
