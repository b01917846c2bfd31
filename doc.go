// Package db is a library for the Amazon DynamoDB single-table design.
//
// Entity names become key prefixes ("USER#alice"), partition and sort keys are
// distinct types, and a [Table] offers the data plane of DynamoDB without
// expression strings or nested attribute-value literals.
package db
