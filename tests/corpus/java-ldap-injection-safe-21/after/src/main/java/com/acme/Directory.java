package com.acme;

import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;

public class Directory {
    public NamingEnumeration<SearchResult> find(DirContext ctx, String user) throws NamingException {
        return ctx.search("ou=people,dc=example,dc=com", "(&(objectClass=person)(uid={0}))",
            new Object[] {user}, new SearchControls());
    }
}
