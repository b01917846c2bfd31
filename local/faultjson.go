package local

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/dokklib/db/internal/ddbtype"
)

// faultJSON is a Fault's JSON form: Error by name (ThrottlingException,
// ProvisionedThroughputExceededException, InternalServerError or
// TransactionConflict), Latency as a Go duration ("250ms") and Key in
// DynamoDB's JSON ({"PK":{"S":"a"}}).
type faultJSON struct {
	ID          FaultID      `json:"ID,omitempty"`
	Op          string       `json:"Op,omitempty"`
	Table       string       `json:"Table,omitempty"`
	Index       string       `json:"Index,omitempty"`
	Key         ddbtype.Item `json:"Key,omitempty"`
	Error       string       `json:"Error,omitempty"`
	Latency     string       `json:"Latency,omitempty"`
	Unprocessed bool         `json:"Unprocessed,omitempty"`
	Probability float64      `json:"Probability,omitempty"`
	Count       int          `json:"Count,omitempty"`
}

// MarshalJSON writes the fault in its JSON form, as the server's admin
// endpoint lists faults.
func (f Fault) MarshalJSON() ([]byte, error) {
	key, err := keyValues(f.Key)
	if err != nil {
		return nil, err
	}
	j := faultJSON{ID: f.ID, Op: f.Op, Table: f.Table, Index: f.Index, Key: key,
		Unprocessed: f.Unprocessed, Probability: f.Probability, Count: f.Count}
	if f.Latency != 0 {
		j.Latency = f.Latency.String()
	}
	if f.Err != nil {
		name, ok := faultErrorName(f.Err)
		if !ok {
			return nil, fmt.Errorf("local: fault: Err %v is not one of the injectable errors", f.Err)
		}
		j.Error = name
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads a fault in its JSON form, as the server's admin
// endpoint and -fault flag take it, refusing unknown members.
func (f *Fault) UnmarshalJSON(data []byte) error {
	var j faultJSON
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&j); err != nil {
		return fmt.Errorf("local: fault: %w", err)
	}
	out := Fault{ID: j.ID, Op: j.Op, Table: j.Table, Index: j.Index, Key: sdkKey(j.Key),
		Unprocessed: j.Unprocessed, Probability: j.Probability, Count: j.Count}
	if j.Error != "" {
		var ok bool
		if out.Err, ok = faultErrors[j.Error]; !ok {
			return fmt.Errorf("local: fault: unknown Error %q", j.Error)
		}
	}
	if j.Latency != "" {
		d, err := time.ParseDuration(j.Latency)
		if err != nil {
			return fmt.Errorf("local: fault: Latency: %w", err)
		}
		out.Latency = d
	}
	*f = out
	return nil
}
