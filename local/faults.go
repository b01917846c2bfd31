package local

import (
	"math/rand/v2"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/dokklib/db/internal/ddbtype"
)

// WithFaultSeed seeds the source of the faults' probability draws, so
// that a sequence of requests meets the same faults on every run. By
// default the seed is random.
func WithFaultSeed(seed uint64) Option {
	return func(o *options) { o.faultSeed = &seed }
}

// Faults is the engine's set of active faults. It is safe for concurrent
// use; faults apply from the next request on.
type Faults struct {
	mu     sync.Mutex
	rules  []*faultRule
	nextID FaultID
	rng    *rand.Rand
	active atomic.Bool // whether there are rules, read without the lock
}

// faultRule is an added fault with its key as the engine's values.
type faultRule struct {
	Fault
	key ddbtype.Item
}

// newFaults returns an empty set drawing from a source seeded with seed,
// or a random seed when it is nil.
func newFaults(seed *uint64) *Faults {
	s := rand.Uint64()
	if seed != nil {
		s = *seed
	}
	return &Faults{rng: rand.New(rand.NewPCG(s, s^0x9e3779b97f4a7c15))}
}

// Faults returns the engine's faults.
func (e *Engine) Faults() *Faults { return e.faults }

// Add adds a fault and returns its ID, or an error when the fault is not
// valid.
func (fs *Faults) Add(f Fault) (FaultID, error) {
	key, err := f.check()
	if err != nil {
		return 0, err
	}
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.nextID++
	f.ID = fs.nextID
	fs.rules = append(fs.rules, &faultRule{Fault: f, key: key})
	fs.active.Store(true)
	return f.ID, nil
}

// Remove removes a fault and reports whether it was there.
func (fs *Faults) Remove(id FaultID) bool {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	i := slices.IndexFunc(fs.rules, func(r *faultRule) bool { return r.ID == id })
	if i < 0 {
		return false
	}
	fs.removeAt(i)
	return true
}

// Clear removes every fault.
func (fs *Faults) Clear() {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.rules = nil
	fs.active.Store(false)
}

// List returns the active faults in the order they were added, with their
// remaining Count.
func (fs *Faults) List() []Fault {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	out := make([]Fault, len(fs.rules))
	for i, r := range fs.rules {
		out[i] = r.Fault
	}
	return out
}

// removeAt removes the i-th rule; fs.mu is held.
func (fs *Faults) removeAt(i int) {
	fs.rules = slices.Delete(fs.rules, i, i+1)
	fs.active.Store(len(fs.rules) > 0)
}

// fire draws whether rule r applies once more and counts it down,
// removing it when its count is spent; fs.mu is held.
func (fs *Faults) fire(r *faultRule) bool {
	if r.Probability > 0 && r.Probability < 1 && fs.rng.Float64() >= r.Probability {
		return false
	}
	if r.Count > 0 {
		if r.Count--; r.Count == 0 {
			if i := slices.Index(fs.rules, r); i >= 0 {
				fs.removeAt(i)
			}
		}
	}
	return true
}
