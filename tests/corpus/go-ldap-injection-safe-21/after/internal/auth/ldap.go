package auth

import (
	"fmt"

	"github.com/go-ldap/ldap/v3"
)

func Lookup(conn *ldap.Conn, user string) (*ldap.SearchResult, error) {
	req := ldap.NewSearchRequest("dc=example,dc=com", ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, 0, 0, false,
		fmt.Sprintf("(&(objectClass=person)(uid=%s))", ldap.EscapeFilter(user)), []string{"dn"}, nil)
	return conn.Search(req)
}
