package db_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/dokklib/db"
)

type User struct{}
type Group struct{}

type namedByMethod struct{}

func (namedByMethod) EntityName() string { return "ORG" }

type namedByPointer struct{}

func (*namedByPointer) EntityName() string { return "PTR" }

type badName struct{}

func (badName) EntityName() string { return "A#B" }

type spaceName struct{}

func (spaceName) EntityName() string { return "A B" }

func TestEntityName(t *testing.T) {
	for _, tc := range []struct {
		got  func() (string, error)
		want string
	}{
		{db.EntityName[User], "USER"},
		{db.EntityName[namedByMethod], "ORG"},
		{db.EntityName[namedByPointer], "PTR"},
	} {
		got, err := tc.got()
		if err != nil || got != tc.want {
			t.Errorf("EntityName = %q, %v; want %q", got, err, tc.want)
		}
	}
}

func TestEntityNameInvalid(t *testing.T) {
	for name, f := range map[string]func() (string, error){
		"unnamed type": db.EntityName[struct{}],
		"hash":         db.EntityName[badName],
		"space":        db.EntityName[spaceName],
	} {
		if _, err := f(); !errors.Is(err, db.ErrInvalidKey) {
			t.Errorf("%s: err = %v, want ErrInvalidKey", name, err)
		}
	}
}

func TestKeys(t *testing.T) {
	pk := db.PK[User]("alice")
	if pk.String() != "USER#alice" || pk.Entity() != "USER" || pk.Value() != "alice" || pk.Err() != nil {
		t.Errorf("PK = %q (%q, %q, %v)", pk, pk.Entity(), pk.Value(), pk.Err())
	}
	sk := db.SK[Group]("a#b")
	if sk.String() != "GROUP#a#b" {
		t.Errorf("SK = %q, want GROUP#a#b", sk)
	}
	if p := db.Prefix[User](); p.String() != "USER#" || p.Err() != nil {
		t.Errorf("Prefix = %q, %v", p, p.Err())
	}
	if p := db.Prefix[User]("al"); p.String() != "USER#al" || p.Value() != "al" {
		t.Errorf("Prefix(al) = %q", p)
	}
}

func TestKeyErrors(t *testing.T) {
	for name, err := range map[string]error{
		"empty pk":       db.PK[User]("").Err(),
		"empty sk":       db.SK[User]("").Err(),
		"bad entity pk":  db.PK[badName]("x").Err(),
		"unnamed prefix": db.Prefix[struct{}]().Err(),
	} {
		if !errors.Is(err, db.ErrInvalidKey) || !errors.Is(err, db.ErrInvalidArgument) {
			t.Errorf("%s: err = %v, want ErrInvalidKey", name, err)
		}
	}
}

func TestParseKeys(t *testing.T) {
	pk, err := db.ParsePK[User]("USER#alice")
	if err != nil || pk != db.PK[User]("alice") {
		t.Errorf("ParsePK = %v, %v", pk, err)
	}
	sk, err := db.ParseSK[Group]("GROUP#g#1")
	if err != nil || sk.Value() != "g#1" {
		t.Errorf("ParseSK = %v, %v", sk, err)
	}
	_, err = db.ParsePK[User]("GROUP#admins")
	if !errors.Is(err, db.ErrInvalidKey) || !strings.Contains(err.Error(), "entity GROUP, not USER") {
		t.Errorf("ParsePK of a group key: err = %v", err)
	}
	for _, s := range []string{"", "USER", "USER#", "#alice", "USERalice"} {
		if _, err := db.ParsePK[User](s); !errors.Is(err, db.ErrInvalidKey) {
			t.Errorf("ParsePK(%q): err = %v, want ErrInvalidKey", s, err)
		}
	}
}

func TestKeyFormat(t *testing.T) {
	f := db.KeyFormat{Separator: "|", Namespace: "app", LowerCase: true}
	if got := f.Key("USER", "alice"); got != "app|user|alice" {
		t.Errorf("Key = %q", got)
	}
	if got := f.Prefix("USER"); got != "app|user|" {
		t.Errorf("Prefix = %q", got)
	}
	entity, value, err := f.Parse("app|user|a|b")
	if err != nil || entity != "user" || value != "a|b" {
		t.Errorf("Parse = %q, %q, %v", entity, value, err)
	}
	if _, _, err := f.Parse("other|user|a"); !errors.Is(err, db.ErrInvalidKey) {
		t.Errorf("Parse of another namespace: err = %v", err)
	}
	if got := (db.KeyFormat{}).Key("USER", "alice"); got != "USER#alice" {
		t.Errorf("zero KeyFormat: Key = %q", got)
	}
}
