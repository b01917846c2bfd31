// Package bench compares the speed of dokklib/db's struct codec with the
// SDK's attributevalue package and github.com/guregu/dynamo/v2.
package bench
