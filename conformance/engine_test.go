package conformance

import "github.com/dokklib/db/local"

func init() { backendMakers = append(backendMakers, engineBackend) }

// engineBackend is the pure-Go engine of package local, served in process:
// SDK calls through its Client, raw requests straight to its handler.
func engineBackend() *Backend {
	eng := local.New()
	return &Backend{Name: engineName, Client: eng.Client(), Endpoint: "http://engine.local", Transport: handlerTransport{eng}}
}
