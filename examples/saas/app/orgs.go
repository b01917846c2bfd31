package app

import (
	"context"
	"fmt"
	"strings"

	"github.com/dokklib/db"
)

// CreateUser signs a user up. It fails with db.ErrNotUnique when another
// user has the email, and with db.ErrExists when the id is taken.
func (s *Service) CreateUser(ctx context.Context, u User) (User, error) {
	u.Email = normalEmail(u.Email)
	return s.users.Create(ctx, u)
}

// User returns the user with the id.
func (s *Service) User(ctx context.Context, userID string) (User, error) {
	return s.users.Get(ctx, User{UserID: userID})
}

// ChangeEmail gives a user another email, which no other user may have
// (db.ErrNotUnique); the old one is free for others from then on.
func (s *Service) ChangeEmail(ctx context.Context, userID, email string) (User, error) {
	u := User{UserID: userID, Email: normalEmail(email)}
	if err := u.Validate(); err != nil {
		return User{}, invalid(err)
	}
	return s.users.Patch(ctx, u, "Email")
}

// normalEmail is the form of an email that uniqueness compares.
func normalEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// CreateOrg creates an org with the membership of its owner, in one
// transaction: both are written, or neither. It fails with db.ErrExists
// when the org exists, and ErrUnknownUser when the owner does not.
func (s *Service) CreateOrg(ctx context.Context, org Org, ownerID string) (Org, error) {
	owner := s.members.CreateArg(Membership{OrgID: org.OrgID, UserID: ownerID, Role: Owner})
	return create(ctx, s, s.orgs, org, []db.TransactArg{owner}, s.userExists(ownerID))
}

// Org returns the org with the id.
func (s *Service) Org(ctx context.Context, orgID string) (Org, error) {
	return s.orgs.Get(ctx, Org{OrgID: orgID})
}

// AddMember makes a user a member of an org. It fails with db.ErrExists
// when the user is a member, and ErrUnknownOrg or ErrUnknownUser when the
// org or the user does not exist.
func (s *Service) AddMember(ctx context.Context, orgID, userID string, role Role) (Membership, error) {
	m := Membership{OrgID: orgID, UserID: userID, Role: role}
	return create(ctx, s, s.members, m, nil, s.orgExists(orgID), s.userExists(userID))
}

// Members returns the memberships of an org, by user id.
func (s *Service) Members(ctx context.Context, orgID string) ([]Membership, error) {
	return s.members.Query(Membership{OrgID: orgID}).All(ctx)
}

// Memberships returns the memberships of a user, by org id.
func (s *Service) Memberships(ctx context.Context, userID string) ([]Membership, error) {
	return s.members.Query(Membership{UserID: userID}).On(ByUser).All(ctx)
}

// OrgsOf returns the orgs a user is a member of, by org id.
func (s *Service) OrgsOf(ctx context.Context, userID string) ([]Org, error) {
	ms, err := s.Memberships(ctx, userID)
	if err != nil || len(ms) == 0 {
		return nil, err
	}
	keys := make([]Org, len(ms))
	for i, m := range ms {
		keys[i] = Org{OrgID: m.OrgID}
	}
	return s.orgs.BatchGet(ctx, keys)
}

// Export returns everything an org holds.
func (s *Service) Export(ctx context.Context, orgID string) (OrgData, error) {
	return s.org.Query(ctx, Org{OrgID: orgID})
}

// DeleteOrg deletes an org with everything it holds, its memberships,
// projects and tasks, and returns how many items of each entity it
// deleted. It deletes a batch at a time, each resuming where the last
// stopped, so that an org of any size goes in bounded requests. A
// deletion that fails midway has deleted some of the items: calling
// DeleteOrg again finishes it. Users stay, members of their other orgs.
//
// The org's item sorts first in its partition, and projects before
// tasks: once the org is gone, AddMember and CreateProject, which check
// it, fail, and once the projects are, so does CreateTask; so no write of
// the service adds an item behind the deletion.
func (s *Service) DeleteOrg(ctx context.Context, orgID string) (map[string]int, error) {
	deleted := map[string]int{}
	for next := ""; ; {
		report, err := s.org.Delete(ctx, Org{OrgID: orgID}, db.Limit(s.deleteBatch), db.After(next))
		for entity, n := range report.Deleted {
			deleted[entity] += n
		}
		if err != nil {
			return deleted, fmt.Errorf("app: delete org %s: %w", orgID, err)
		}
		if next = report.Next; next == "" {
			return deleted, nil
		}
	}
}
