package app

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/dokklib/db"
)

// The table's secondary indexes.
var (
	// ByUser is the inverse index, GSI_1: its partition key is the
	// table's sort key, so it reads the memberships of a user. Every item
	// with a sort key lands in it, so it holds only what memberships are
	// read with, not whole items.
	ByUser = db.InverseGlobalIndex.Project(db.EntityAttribute, "OrgID", "UserID", "Role", "CreatedAt")

	// ByProject is GSI_2: the tasks of a project by due time.
	ByProject = db.GlobalIndex("GSI_2", "GSI2PK", "GSI2SK")

	// ByStatus is GSI_3: the tasks of an org by status, then due time.
	ByStatus = db.GlobalIndex("GSI_3", "GSI3PK", "GSI3SK")
)

// TableOptions returns the options of db.NewTable (or dbtest.Table) that
// make the app's table: its secondary indexes.
func TableOptions() []db.TableOption {
	return []db.TableOption{db.WithIndexes(ByUser, ByProject, ByStatus)}
}

// Errors of writes that refer to an item that does not exist. They wrap
// db.ErrNotFound.
var (
	ErrUnknownUser    = fmt.Errorf("%w: no such user", db.ErrNotFound)
	ErrUnknownOrg     = fmt.Errorf("%w: no such org", db.ErrNotFound)
	ErrUnknownProject = fmt.Errorf("%w: no such project", db.ErrNotFound)
)

// DefaultDeleteBatch is how many items DeleteOrg deletes a step, unless
// WithDeleteBatch says.
const DefaultDeleteBatch = 100

// Service is the app's operations on its table. Errors wrap those of
// package db, for errors.Is and errors.As: db.ErrNotFound, db.ErrExists,
// db.ErrNotUnique, db.ErrVersionConflict and db.ErrInvalidArgument, which
// also wraps the refusals of the entities' Validate methods.
type Service struct {
	table       *db.Table
	orgs        *db.Model[Org]
	users       *db.Model[User]
	members     *db.Model[Membership]
	projects    *db.Model[Project]
	tasks       *db.Model[Task]
	org         *db.Collection[OrgData]
	deleteBatch int
}

// OrgData is everything an org holds, read from its partition in one
// query: what Export returns and DeleteOrg deletes.
type OrgData struct {
	Orgs     []Org        `json:"orgs"`
	Members  []Membership `json:"members"`
	Projects []Project    `json:"projects"`
	Tasks    []Task       `json:"tasks"`
}

// Option configures a Service.
type Option func(*Service)

// WithDeleteBatch sets how many items DeleteOrg deletes a step.
func WithDeleteBatch(n int) Option { return func(s *Service) { s.deleteBatch = n } }

// New declares the app's entities on table, which TableOptions configure,
// and checks the design: keys that could collide, indexes that do not
// hold what is read from them. Call it once for a table.
func New(table *db.Table, opts ...Option) (*Service, error) {
	s := &Service{
		table: table,
		orgs:  db.NewModel[Org](table, "ORG", db.Keys("ORG#{OrgID}", "ORG#{OrgID}")),
		users: db.NewModel[User](table, "USER", db.Keys("USER#{UserID}", "USER#{UserID}"), db.Unique("Email")),
		members: db.NewModel[Membership](table, "MEMBERSHIP", db.Keys("ORG#{OrgID}", "USER#{UserID}"),
			db.IndexKeys(ByUser, "USER#{UserID}", "ORG#{OrgID}")),
		projects: db.NewModel[Project](table, "PROJECT", db.Keys("ORG#{OrgID}", "PROJECT#{ProjectID}"),
			db.Versioned("Version")),
		tasks: db.NewModel[Task](table, "TASK", db.Keys("ORG#{OrgID}", "TASK#{TaskID}"),
			db.IndexKeys(ByProject, "ORG#{OrgID}#PROJECT#{ProjectID}", "DUE#{Due}#{TaskID}"),
			db.IndexKeys(ByStatus, "ORG#{OrgID}", "STATUS#{Status}#{Due}#{TaskID}"),
			db.Versioned("Version")),
		deleteBatch: DefaultDeleteBatch,
	}
	s.org = db.NewCollection[OrgData]("org", db.PrimaryIndex, s.orgs, s.members, s.projects, s.tasks)
	for _, opt := range opts {
		opt(s)
	}
	if err := errors.Join(table.Check(), s.org.Err()); err != nil {
		return nil, fmt.Errorf("app: %w", err)
	}
	return s, nil
}

// Table returns the service's table.
func (s *Service) Table() *db.Table { return s.table }

// invalid makes err, a refusal of the input, wrap db.ErrInvalidArgument.
func invalid(err error) error { return fmt.Errorf("%w: %w", db.ErrInvalidArgument, err) }

// ref is the check, in a transaction, that an item a write refers to
// exists; err is what its failure means.
type ref struct {
	check db.TransactArg
	err   error
}

// exists is the check that the item of m's entity with v's key exists.
func exists[T any](m *db.Model[T], v T, err error) ref { return ref{m.CheckArg(v), err} }

func (s *Service) userExists(id string) ref {
	return exists(s.users, User{UserID: id}, ErrUnknownUser)
}

func (s *Service) orgExists(id string) ref {
	return exists(s.orgs, Org{OrgID: id}, ErrUnknownOrg)
}

func (s *Service) projectExists(orgID, id string) ref {
	return exists(s.projects, Project{OrgID: orgID, ProjectID: id}, ErrUnknownProject)
}

// transact writes in one transaction, on the condition that the items
// refs refer to exist; when one does not, the error wraps its ref's.
func (s *Service) transact(ctx context.Context, writes []db.TransactArg, refs ...ref) error {
	args := slices.Clone(writes)
	for _, r := range refs {
		args = append(args, r.check)
	}
	err := s.table.TransactWrite(ctx, args...)
	var tce *db.TransactionCanceledError
	if errors.As(err, &tce) {
		for _, f := range tce.Failed() {
			if i := f.Index - len(writes); i >= 0 && errors.Is(f.Err, db.ErrNotFound) {
				return fmt.Errorf("%w: %w", refs[i].err, err)
			}
		}
	}
	return err
}

// create creates v with m, with more writes, in one transaction on the
// condition that what refs refer to exists, and returns v as stored.
func create[T any](ctx context.Context, s *Service, m *db.Model[T], v T, more []db.TransactArg, refs ...ref) (T, error) {
	if err := s.transact(ctx, append([]db.TransactArg{m.CreateArg(v)}, more...), refs...); err != nil {
		var zero T
		return zero, err
	}
	// A transaction returns nothing: read the version and stamps back.
	return m.Get(ctx, v, db.ConsistentRead())
}
