package local

import (
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
)

// namespace is the tables of one access key in one region, as DynamoDB
// Local keeps a database per access key and region (DynamoDB keeps tables
// per account and region). With WithSharedDB every request uses one
// namespace, the engine's default.
type namespace struct {
	id     nsID
	prefix string // of its tables' names in the data file: "" for the default namespace

	mu     sync.RWMutex
	tables map[string]*table // by name

	txTokens tokenCache // ClientRequestToken idempotency of transactions

	// view is the engine as this namespace's requests see it: every
	// operation runs on it, so that it finds this namespace's tables.
	view *Engine
}

// nsID identifies a namespace: the access key and region of a request's
// credential scope.
type nsID struct{ key, region string }

// namespaces maps the IDs of an engine's namespaces to them. It is
// replaced, never changed, when a namespace is added, so that requests
// look theirs up without locking.
type namespaces struct {
	mu  sync.Mutex // held to add one
	all atomic.Pointer[map[nsID]*namespace]
}

// WithSharedDB makes every request use the same tables, whatever access
// key and region it is signed with, as DynamoDB Local's -sharedDb does.
// Without it, tables are kept apart by access key and region (see the
// package documentation).
func WithSharedDB() Option {
	return func(o *options) { o.sharedDB = true }
}

// WithRegion sets the region of the default namespace (default
// us-east-1): the region Engine.Client signs with, of requests that are
// not signed, and in WithSharedDB's ARNs.
func WithRegion(region string) Option {
	return func(o *options) { o.region = region }
}

// newNamespace returns an empty namespace of c called id whose tables are
// kept under prefix in the data file.
func (c *core) newNamespace(id nsID, prefix string) *namespace {
	ns := &namespace{id: id, prefix: prefix, tables: make(map[string]*table)}
	ns.txTokens.init(c.opts.tokenLimit)
	ns.view = &Engine{core: c, namespace: ns}
	return ns
}

// defaultID returns the ID of the default namespace: Engine.Client's
// access key in the engine's region.
func (c *core) defaultID() nsID {
	key, _ := c.clientCredentials()
	return nsID{key: key, region: c.opts.region}
}

// namespaceOf returns the namespace of a request: the default one when
// the engine is shared or the request carries no credential scope.
func (c *core) namespaceOf(r *http.Request) *namespace {
	if c.opts.sharedDB {
		return c.defaultNS
	}
	id, ok := credentialScope(r.Header.Get("Authorization"))
	if !ok {
		return c.defaultNS
	}
	return c.namespace(id)
}

// namespace returns the namespace called id, creating it.
func (c *core) namespace(id nsID) *namespace {
	if ns := (*c.spaces.all.Load())[id]; ns != nil {
		return ns
	}
	c.spaces.mu.Lock()
	defer c.spaces.mu.Unlock()
	old := *c.spaces.all.Load()
	if ns := old[id]; ns != nil {
		return ns
	}
	ns := c.newNamespace(id, id.key+"/"+id.region+"/")
	c.addNamespace(old, ns)
	return ns
}

// addNamespace publishes a map of the namespaces of old and ns;
// c.spaces.mu must be held, or the engine not yet shared.
func (c *core) addNamespace(old map[nsID]*namespace, ns *namespace) {
	all := make(map[nsID]*namespace, len(old)+1)
	for id, x := range old {
		all[id] = x
	}
	all[ns.id] = ns
	c.spaces.all.Store(&all)
}

// allNamespaces returns the engine's namespaces.
func (c *core) allNamespaces() map[nsID]*namespace { return *c.spaces.all.Load() }

// credentialScope returns the access key and region of a Signature
// Version 4 Authorization header, without allocating:
//
//	AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/dynamodb/aws4_request, ...
func credentialScope(h string) (nsID, bool) {
	_, cred, ok := strings.Cut(h, "Credential=")
	if !ok {
		return nsID{}, false
	}
	if i := strings.IndexAny(cred, ", "); i >= 0 {
		cred = cred[:i]
	}
	key, rest, ok := strings.Cut(cred, "/")
	if !ok {
		return nsID{}, false
	}
	_, rest, ok = strings.Cut(rest, "/") // the date
	if !ok {
		return nsID{}, false
	}
	region, _, ok := strings.Cut(rest, "/")
	if !ok {
		return nsID{}, false
	}
	return nsID{key: key, region: region}, true
}

// bucketNamespace returns the namespace of the table kept in the data file
// under bucket, and the table's name: NAME for the default namespace,
// KEY/REGION/NAME for another (neither access keys, regions nor table
// names hold '/'). It returns a nil namespace for the tables of other
// namespaces when the engine is shared, which it does not serve.
func (c *core) bucketNamespace(bucket string) (*namespace, string, bool) {
	parts := strings.Split(bucket, "/")
	switch {
	case len(parts) == 1:
		return c.defaultNS, bucket, true
	case len(parts) != 3:
		return nil, "", false
	case c.opts.sharedDB:
		return nil, parts[2], true
	}
	return c.namespace(nsID{key: parts[0], region: parts[1]}), parts[2], true
}
